"""The demo-data generator (`pintu demo-data`): synthetic JAKI reports and walk-in complaints."""

"""The demo-data generator: synthetic JAKI reports and walk-in complaints for `pintu demo-data`."""

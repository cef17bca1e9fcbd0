"""Personal data of complainants: NIK, phone and email, normalized and masked."""

"""Jakarta's Kemendagri regions: province, kota/kabupaten, kecamatan, kelurahan."""

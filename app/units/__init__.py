"""Units that handle complaints: kelurahan, kecamatan and kota offices, agencies, Suku Dinas."""

print("vfio-migrate: not implemented yet")

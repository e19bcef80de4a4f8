# The search app has no models of its own: the directory's Person is indexed by
# its own app (public fields only); migration 0003 removed the former proxy.

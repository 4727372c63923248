// The VFIO migration engine; see the migration issue.

// Every file of this target sees the shared test helpers (../shared locator, seeded random numbers).
@_exported import TestSupport

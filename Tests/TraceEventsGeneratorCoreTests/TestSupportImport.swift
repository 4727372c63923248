// Every file of this target sees the shared test helpers (../shared locator, process runner).
@_exported import TestSupport

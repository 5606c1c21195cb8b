"""HTTP layer: one blueprint per feature, plus the request middleware shared by all."""

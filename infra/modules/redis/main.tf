# Memorystore for Redis 7 per app environment: highly available in prod, a single node
# elsewhere; AUTH and in-transit TLS always on; reachable only through private service access.
locals {
  tier = var.environment == "prod" ? "STANDARD_HA" : "BASIC"
}

resource "google_redis_instance" "this" {
  project        = var.project_id
  region         = var.region
  name           = "flamingo-${var.environment}"
  display_name   = "Flamingo ${var.environment}"
  tier           = local.tier
  memory_size_gb = var.memory_size_gb
  redis_version  = var.redis_version

  authorized_network = var.network_id
  connect_mode       = "PRIVATE_SERVICE_ACCESS"
  reserved_ip_range  = var.reserved_range_name

  auth_enabled            = true
  transit_encryption_mode = "SERVER_AUTHENTICATION"

  # The app keeps nothing in Redis it cannot rebuild (cache, sessions, counters flushed to
  # Mongo), so no persistence; eviction of least-recently-used volatile keys under pressure.
  redis_configs = {
    maxmemory-policy = "volatile-lru"
  }

  maintenance_policy {
    weekly_maintenance_window {
      day = "TUESDAY"
      start_time {
        hours   = 3
        minutes = 0
      }
    }
  }

  labels = {
    app         = "flamingo"
    environment = var.environment
  }
}

output "instance_name" {
  description = "Name of the Memorystore instance."
  value       = google_redis_instance.this.name
}

output "tier" {
  description = "STANDARD_HA (prod) or BASIC."
  value       = google_redis_instance.this.tier
}

output "host" {
  description = "Private address of the instance (inside the reserved /29); known after apply."
  value       = google_redis_instance.this.host
}

output "port" {
  description = "Port of the instance (6378 with in-transit TLS)."
  value       = google_redis_instance.this.port
}

output "server_ca_certs" {
  description = "CA certificates the client must trust for TLS; known after apply."
  value       = google_redis_instance.this.server_ca_certs
}

output "auth_string" {
  description = "AUTH password, for the redis-url secret version (added outside Terraform; see docs/infrastructure.md)."
  value       = google_redis_instance.this.auth_string
  sensitive   = true
}

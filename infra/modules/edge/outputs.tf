output "static_ip_name" {
  description = "Name of the global static IP (the chart's ingress.staticIpName)."
  value       = google_compute_global_address.ingress.name
}

output "static_ip_address" {
  description = "The address itself; known after apply."
  value       = google_compute_global_address.ingress.address
}

output "ssl_policy_name" {
  description = "Name of the SSL policy (the chart's ingress.sslPolicy), or null."
  value       = one(google_compute_ssl_policy.this[*].name)
}

output "security_policy_name" {
  description = "Name of the Cloud Armor policy (the chart's ingress.securityPolicy), or null."
  value       = one(google_compute_security_policy.this[*].name)
}

output "dns_names" {
  description = "Host names given an A record here."
  value       = [for r in google_dns_record_set.host : r.name]
}

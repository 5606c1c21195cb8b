output "router_name" {
  description = "Name of the Cloud Router carrying the NAT."
  value       = google_compute_router.this.name
}

output "nat_name" {
  description = "Name of the Cloud NAT."
  value       = google_compute_router_nat.this.name
}

output "nat_addresses" {
  description = "Reserved external addresses the NAT uses (empty when Google allocates them); known after apply."
  value       = google_compute_address.nat[*].address
}

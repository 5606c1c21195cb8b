# One Cloud NAT in the shared project for every private subnet: nodes have no public IPs, so this
# is their only way out (the firewall allows only what nat_egress_ports says).
resource "google_compute_router" "this" {
  project = var.project_id
  region  = var.region
  network = var.network_id
  name    = "flamingo-nat-router"
}

resource "google_compute_address" "nat" {
  count = var.static_ip_count

  project      = var.project_id
  region       = var.region
  name         = "flamingo-nat-${count.index}"
  address_type = "EXTERNAL"
  network_tier = "PREMIUM"
}

resource "google_compute_router_nat" "this" {
  project = var.project_id
  region  = var.region
  router  = google_compute_router.this.name
  name    = "flamingo-nat"

  nat_ip_allocate_option              = var.static_ip_count > 0 ? "MANUAL_ONLY" : "AUTO_ONLY"
  nat_ips                             = google_compute_address.nat[*].self_link
  source_subnetwork_ip_ranges_to_nat  = "LIST_OF_SUBNETWORKS"
  min_ports_per_vm                    = var.min_ports_per_vm
  enable_endpoint_independent_mapping = false

  dynamic "subnetwork" {
    for_each = toset(var.subnetwork_ids)
    content {
      name                    = subnetwork.value
      source_ip_ranges_to_nat = ["ALL_IP_RANGES"]
    }
  }

  log_config {
    enable = true
    # Translation errors only: full logs would cost more than the NAT at seed traffic.
    filter = "ERRORS_ONLY"
  }
}

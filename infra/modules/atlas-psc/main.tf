# The Google Cloud side of the Atlas private endpoint: reserved internal addresses in the
# environment's PSC subnet and one Private Service Connect forwarding rule per Atlas service
# attachment. Atlas itself (the endpoint service, the cluster) is declared as operator custom
# resources in deploy/atlas/, because no Atlas Terraform provider can be had here.
locals {
  group = "flamingo-${var.environment}-atlas"
  # Fixed addresses (from the 4th of the subnet on: GCP reserves the first two) keep the
  # endpoint list known before apply, so the AtlasPrivateEndpoint resource can be written now.
  endpoints = [for i in range(var.endpoint_count) : {
    name       = var.endpoint_count == 1 ? local.group : "${local.group}-${i}"
    ip_address = cidrhost(var.subnet.cidr, i + 4)
  }]
}

resource "google_compute_address" "endpoint" {
  count = var.endpoint_count

  project      = var.project_id
  region       = var.region
  name         = local.endpoints[count.index].name
  subnetwork   = var.subnet.subnet_id
  address_type = "INTERNAL"
  address      = local.endpoints[count.index].ip_address
}

resource "google_compute_forwarding_rule" "endpoint" {
  count = length(var.service_attachments)

  project               = var.project_id
  region                = var.region
  name                  = local.endpoints[count.index].name
  network               = var.network_id
  ip_address            = google_compute_address.endpoint[count.index].id
  target                = var.service_attachments[count.index]
  load_balancing_scheme = "" # Private Service Connect consumer endpoints take the empty scheme
}

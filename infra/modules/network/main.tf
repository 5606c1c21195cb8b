# The Shared VPC of the seed, in the shared project: private subnets per environment, Private
# Google Access, flow logs, private service access for Memorystore, subnets for the Atlas
# Private Service Connect endpoints, and a default-deny firewall with only the allows the
# platform needs.
locals {
  # dev runs in the staging cluster, so its Redis and Atlas ranges belong to the staging nodes.
  cluster_of = { prod = "prod", staging = "staging", dev = "staging" }

  # Google front ends and health checkers (external Application Load Balancer, NEG health checks).
  google_health_check_ranges = ["130.211.0.0/22", "35.191.0.0/16"]
  # private.googleapis.com: Google APIs over Private Google Access without internet routes.
  private_google_vip = "199.36.153.8/30"

  cluster_ranges = { for env, c in var.ranges.clusters : env => [c.nodes, c.pods, c.services] }
}

resource "google_compute_network" "this" {
  project                 = var.project_id
  name                    = var.network_name
  auto_create_subnetworks = false
  routing_mode            = "REGIONAL"
  # Without the default 0.0.0.0/0 route nothing would reach Cloud NAT; the firewall decides.
  delete_default_routes_on_create = false
}

resource "google_compute_subnetwork" "nodes" {
  for_each = var.ranges.clusters

  project                  = var.project_id
  region                   = var.region
  network                  = google_compute_network.this.id
  name                     = "flamingo-${each.key}-nodes"
  ip_cidr_range            = each.value.nodes
  private_ip_google_access = true

  secondary_ip_range {
    range_name    = "flamingo-${each.key}-pods"
    ip_cidr_range = each.value.pods
  }
  secondary_ip_range {
    range_name    = "flamingo-${each.key}-services"
    ip_cidr_range = each.value.services
  }

  log_config {
    aggregation_interval = "INTERVAL_5_MIN"
    flow_sampling        = var.flow_log_sampling
    metadata             = "INCLUDE_ALL_METADATA"
  }
}

# Consumer side of Atlas's Private Service Connect: one subnet per app environment whose
# addresses the atlas-psc module reserves (the chart's NetworkPolicy allows exactly this range).
resource "google_compute_subnetwork" "atlas" {
  for_each = var.ranges.atlas

  project                  = var.project_id
  region                   = var.region
  network                  = google_compute_network.this.id
  name                     = "flamingo-${each.key}-atlas-psc"
  ip_cidr_range            = each.value
  private_ip_google_access = true

  log_config {
    aggregation_interval = "INTERVAL_5_MIN"
    flow_sampling        = var.flow_log_sampling
    metadata             = "INCLUDE_ALL_METADATA"
  }
}

# Private service access for Memorystore: one /29 per Redis instance, so the instance's address
# is known in advance and the chart's NetworkPolicy can allow just that block.
resource "google_compute_global_address" "redis" {
  for_each = var.ranges.redis

  project       = var.project_id
  name          = "flamingo-${each.key}-redis"
  network       = google_compute_network.this.id
  purpose       = "VPC_PEERING"
  address_type  = "INTERNAL"
  address       = split("/", each.value)[0]
  prefix_length = tonumber(split("/", each.value)[1])
}

resource "google_service_networking_connection" "private_service_access" {
  network                 = google_compute_network.this.id
  service                 = "servicenetworking.googleapis.com"
  reserved_peering_ranges = [for a in google_compute_global_address.redis : a.name]
}

# --- Shared VPC: prod and staging attach as service projects -----------------------------
resource "google_compute_shared_vpc_host_project" "this" {
  project = var.project_id
}

resource "google_compute_shared_vpc_service_project" "this" {
  for_each = var.service_projects

  host_project    = google_compute_shared_vpc_host_project.this.project
  service_project = each.value.project_id
}

locals {
  # The service agents of each service project that create GKE nodes and PSC addresses.
  service_agents = {
    for env, p in var.service_projects : env => [
      "serviceAccount:service-${p.project_number}@container-engine-robot.iam.gserviceaccount.com",
      "serviceAccount:${p.project_number}@cloudservices.gserviceaccount.com",
    ]
  }
  subnet_users = merge(
    { for env in keys(var.ranges.clusters) : "nodes/${env}" => { subnet = google_compute_subnetwork.nodes[env].name, cluster = env } },
    { for env in keys(var.ranges.atlas) : "atlas/${env}" => { subnet = google_compute_subnetwork.atlas[env].name, cluster = local.cluster_of[env] } },
  )
}

# Each service project may use only its own subnets (not the other environment's).
resource "google_compute_subnetwork_iam_binding" "network_users" {
  for_each = { for k, v in local.subnet_users : k => v if contains(keys(var.service_projects), v.cluster) }

  project    = var.project_id
  region     = var.region
  subnetwork = each.value.subnet
  role       = "roles/compute.networkUser"
  members    = local.service_agents[each.value.cluster]
}

# GKE in a service project manages firewall rules and routes of the host through this role.
resource "google_project_iam_member" "gke_host_agent" {
  for_each = var.service_projects

  project = var.project_id
  role    = "roles/container.hostServiceAgentUser"
  member  = "serviceAccount:service-${each.value.project_number}@container-engine-robot.iam.gserviceaccount.com"
}

# --- Private Google Access DNS -----------------------------------------------------------
resource "google_dns_managed_zone" "private_google" {
  for_each = toset(var.private_google_domains)

  project     = var.project_id
  name        = "private-${replace(each.key, ".", "-")}"
  dns_name    = "${each.key}."
  description = "Answers ${each.key} with the private.googleapis.com VIP (Private Google Access)."
  visibility  = "private"

  private_visibility_config {
    networks {
      network_url = google_compute_network.this.id
    }
  }
}

resource "google_dns_record_set" "private_google_a" {
  for_each = google_dns_managed_zone.private_google

  project      = var.project_id
  managed_zone = each.value.name
  name         = each.value.dns_name
  type         = "A"
  ttl          = 300
  # The four addresses of 199.36.153.8/30.
  rrdatas = [for i in range(4) : cidrhost(local.private_google_vip, i)]
}

resource "google_dns_record_set" "private_google_cname" {
  for_each = google_dns_managed_zone.private_google

  project      = var.project_id
  managed_zone = each.value.name
  name         = "*.${each.value.dns_name}"
  type         = "CNAME"
  ttl          = 300
  rrdatas      = [each.value.dns_name]
}

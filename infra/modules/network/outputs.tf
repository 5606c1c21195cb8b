output "network_id" {
  description = "Id of the Shared VPC (projects/<host>/global/networks/<name>)."
  value       = google_compute_network.this.id
}

output "network_name" {
  description = "Name of the Shared VPC."
  value       = google_compute_network.this.name
}

output "clusters" {
  description = "Per GKE cluster (prod, staging): node subnet id, pod and service secondary range names and the control-plane /28."
  value = {
    for env, s in google_compute_subnetwork.nodes : env => {
      subnet_id           = s.id
      subnet_name         = s.name
      pods_range_name     = "flamingo-${env}-pods"
      services_range_name = "flamingo-${env}-services"
      master_cidr         = var.ranges.clusters[env].master
      nodes_cidr          = s.ip_cidr_range
    }
  }
}

output "redis_ranges" {
  description = "Per app environment: name and CIDR of the private-service-access range of its Memorystore instance (the chart's networkPolicy.redis.cidrs)."
  value = {
    for env, a in google_compute_global_address.redis : env => {
      name = a.name
      cidr = "${a.address}/${a.prefix_length}"
    }
  }
}

output "atlas_subnets" {
  description = "Per app environment: id, name and CIDR of the subnet of its Atlas Private Service Connect endpoints (the chart's networkPolicy.mongo.cidrs)."
  value = {
    for env, s in google_compute_subnetwork.atlas : env => {
      subnet_id   = s.id
      subnet_name = s.name
      cidr        = s.ip_cidr_range
    }
  }
}

output "private_service_access_connection" {
  description = "Id of the private service access peering (Memorystore instances depend on it)."
  value       = google_service_networking_connection.private_service_access.id
}

output "firewall_rules" {
  description = "Name, direction and priority of every firewall rule."
  value = merge(
    { for r in [google_compute_firewall.deny_all_ingress, google_compute_firewall.deny_all_egress] : r.name => { direction = r.direction, priority = r.priority } },
    { for r in google_compute_firewall.allow : r.name => { direction = r.direction, priority = r.priority } },
  )
}

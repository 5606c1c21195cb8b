# Read by the cluster root (both workspaces) through terraform_remote_state.
output "project_ids" {
  description = "Project id per role."
  value       = module.projects.project_ids
}

output "network_id" {
  description = "Id of the Shared VPC."
  value       = module.network.network_id
}

output "clusters" {
  description = "Per cluster: subnet, secondary ranges and control-plane /28."
  value       = module.network.clusters
}

output "redis_ranges" {
  description = "Per app environment: private-service-access range (name, CIDR) of its Memorystore (the chart's networkPolicy.redis.cidrs)."
  value       = module.network.redis_ranges
}

output "atlas_subnets" {
  description = "Per app environment: subnet of its Atlas PSC endpoints (the chart's networkPolicy.mongo.cidrs)."
  value       = module.network.atlas_subnets
}

output "node_service_accounts" {
  description = "Node service account email per cluster."
  value       = { for env, m in module.node_accounts : env => m.emails["flamingo-gke-nodes"] }
}

output "ci_service_account" {
  description = "Email of the CI account that pushes images."
  value       = module.ci_account.emails["flamingo-ci"]
}

output "registry" {
  description = "Image registry (the chart's image.registry)."
  value       = module.registry.registry
}

output "nat_name" {
  description = "Name of the shared Cloud NAT."
  value       = module.nat.nat_name
}

output "budget_amount_usd" {
  description = "Monthly budget."
  value       = module.budget.budget_amount_usd
}

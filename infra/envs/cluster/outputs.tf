output "cluster_name" {
  description = "GKE cluster of this root."
  value       = module.gke.cluster_name
}

output "app_service_accounts" {
  description = "Google account(s) the chart's ServiceAccounts are annotated with, per account id."
  value       = module.app_identity.emails
}

output "chart_values" {
  description = "Per app environment, every name the chart's values-<env>.yaml must use for this infrastructure; tests/infra/test_names.py compares them with the rendered chart."
  value = {
    for env, app in local.app_environments : env => {
      namespace                    = app.namespace
      gcp_service_account          = module.app_identity.emails[app.service_account]
      workload_identity_ksas       = [for k in module.app_identity.workload_identity_members[app.service_account] : k if startswith(k, "${app.namespace}/")]
      secrets                      = module.secrets[env].sm_references
      secret_accessors             = module.secrets[env].accessors
      static_ip_name               = module.edge[env].static_ip_name
      ssl_policy                   = module.edge[env].ssl_policy_name
      security_policy              = module.edge[env].security_policy_name
      redis_cidr                   = local.shared.redis_ranges[env].cidr
      mongo_cidr                   = module.atlas_psc[env].cidr
      redis_tier                   = module.redis[env].tier
      atlas_endpoint_group         = module.atlas_psc[env].endpoint_group_name
      atlas_endpoints              = module.atlas_psc[env].endpoints
      atlas_gcp_project_id         = local.project_id
      atlas_region                 = var.region
      atlas_forwarding_rules_ready = length(module.atlas_psc[env].forwarding_rules) > 0
    }
  }
}

output "redis_hosts" {
  description = "Memorystore address per app environment (for the redis-url secret version); known after apply."
  value       = { for env, r in module.redis : env => r.host }
}

output "redis_auth" {
  description = "Memorystore AUTH string per app environment, for the redis-url secret version."
  value       = { for env, r in module.redis : env => r.auth_string }
  sensitive   = true
}

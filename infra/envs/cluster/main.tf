# The root of both clusters (prod, and staging with its dev namespace), one Terraform workspace
# each (environment.tf): the cluster, the app's Google identity and Workload Identity, and per app
# environment its Memorystore, secrets, edge names and the Google side of its Atlas private
# endpoint. The ground comes from the shared root.
data "terraform_remote_state" "shared" {
  backend = "gcs"
  config = {
    bucket = var.state_bucket
    prefix = var.shared_state_prefix
  }
}

locals {
  shared = data.terraform_remote_state.shared.outputs
  # The shared root created the project; var.project_id only overrides it (the names test uses
  # that to plan with the project id the chart's values name).
  project_id = coalesce(var.project_id, local.shared.project_ids[local.cluster])
  # What the chart renders per release: the backend/worker ServiceAccount (<release>) and the
  # index Job's hook ServiceAccount (<release>-hooks), both annotated with the same Google account.
  ksas = { for env, app in local.app_environments : env => ["${app.namespace}/${var.release_name}", "${app.namespace}/${var.release_name}-hooks"] }
  # Google accounts of the app environments (one by default: the chart's flamingo-backend).
  accounts = distinct([for app in values(local.app_environments) : app.service_account])
}

module "gke" {
  source = "../../modules/gke"

  project_id  = local.project_id
  environment = local.cluster
  region      = var.region
  network = merge(
    { network_id = local.shared.network_id },
    { for k, v in local.shared.clusters[local.cluster] : k => v if contains(["subnet_id", "pods_range_name", "services_range_name", "master_cidr"], k) },
  )
  master_authorized_networks = var.master_authorized_networks
  node_service_account       = local.shared.node_service_accounts[local.cluster]
}

# The app's Google account(s), named as the chart's default expects (flamingo-backend@<project>);
# backend, worker and the index Job of an app environment run under its account.
module "app_identity" {
  source = "../../modules/iam"

  project_id    = local.project_id
  workload_pool = module.gke.workload_pool
  service_accounts = {
    for id in local.accounts : id => {
      display_name      = "Flamingo app (backend, worker, index job)"
      workload_identity = flatten([for env, app in local.app_environments : local.ksas[env] if app.service_account == id])
    }
  }
  # The Workload Identity pool exists only once the cluster does.
  depends_on = [module.gke]
}

module "redis" {
  source   = "../../modules/redis"
  for_each = local.app_environments

  project_id          = local.project_id
  environment         = each.key
  region              = var.region
  network_id          = local.shared.network_id
  reserved_range_name = local.shared.redis_ranges[each.key].name
  memory_size_gb      = each.value.redis_memory_gb
}

module "secrets" {
  source   = "../../modules/secrets"
  for_each = local.app_environments

  project_id  = local.project_id
  environment = each.key
  secrets = {
    mongoUri  = "${each.value.secret_prefix}-mongo-uri"
    redisUrl  = "${each.value.secret_prefix}-redis-url"
    secretKey = "${each.value.secret_prefix}-secret-key"
    # Used only when the chart turns them on (oidc.issuer, invitations.smtp.host); an empty
    # secret costs nothing until a version is added.
    oidcClientSecret = "${each.value.secret_prefix}-oidc-client-secret"
    smtpPassword     = "${each.value.secret_prefix}-smtp-password"
  }
  accessor = module.app_identity.emails[each.value.service_account]
}

module "edge" {
  source   = "../../modules/edge"
  for_each = local.app_environments

  project_id           = local.project_id
  environment          = each.key
  ssl_policy_name      = each.value.ssl_policy
  security_policy_name = each.value.security_policy
  dns                  = var.dns_zone == null ? null : { project = var.dns_zone.project, zone = var.dns_zone.zone, hosts = each.value.hosts }
}

module "atlas_psc" {
  source   = "../../modules/atlas-psc"
  for_each = local.app_environments

  project_id          = local.project_id
  environment         = each.key
  region              = var.region
  network_id          = local.shared.network_id
  subnet              = { subnet_id = local.shared.atlas_subnets[each.key].subnet_id, cidr = local.shared.atlas_subnets[each.key].cidr }
  service_attachments = lookup(var.atlas_service_attachments, each.key, [])
}

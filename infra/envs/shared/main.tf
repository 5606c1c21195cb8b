# The shared root, applied first: the three projects, the identities the shared registry must
# know, the Shared VPC with its firewall and the one Cloud NAT, the registry and the budget.
locals {
  cluster_envs = ["prod", "staging"]
  apis = {
    shared = ["compute.googleapis.com", "servicenetworking.googleapis.com", "dns.googleapis.com", "artifactregistry.googleapis.com", "billingbudgets.googleapis.com", "cloudbilling.googleapis.com"]
    # iamcredentials: Workload Identity tokens; binaryauthorization: the cluster enforces the project policy.
    env = ["compute.googleapis.com", "container.googleapis.com", "redis.googleapis.com", "secretmanager.googleapis.com", "servicenetworking.googleapis.com", "iamcredentials.googleapis.com", "binaryauthorization.googleapis.com"]
  }
  # Roles GKE nodes need to ship logs and metrics; nothing else (no Editor, unlike the default
  # Compute Engine account).
  node_roles = ["roles/logging.logWriter", "roles/monitoring.metricWriter", "roles/monitoring.viewer", "roles/stackdriver.resourceMetadata.writer", "roles/autoscaling.metricsWriter"]
}

module "projects" {
  source = "../../modules/projects"

  folder_id       = var.folder_id
  billing_account = var.billing_account
  projects = {
    prod    = { project_id = var.project_ids.prod, name = "Flamingo prod", apis = local.apis.env }
    staging = { project_id = var.project_ids.staging, name = "Flamingo staging", apis = local.apis.env }
    shared  = { project_id = var.project_ids.shared, name = "Flamingo shared", apis = local.apis.shared }
  }
}

# The node identity of each cluster lives here, not with the cluster, because the registry and the
# firewall (both in this root) must name it before any cluster exists.
module "node_accounts" {
  source   = "../../modules/iam"
  for_each = toset(local.cluster_envs)

  project_id = module.projects.project_ids[each.key]
  service_accounts = {
    flamingo-gke-nodes = { display_name = "GKE nodes (${each.key})", project_roles = local.node_roles }
  }
}

module "ci_account" {
  source = "../../modules/iam"

  project_id = module.projects.project_ids.shared
  service_accounts = {
    # Pushes images only (writer on the registry, below); deployments go through Argo CD.
    flamingo-ci = { display_name = "Flamingo CI (image push)" }
  }
}

module "network" {
  source = "../../modules/network"

  project_id = module.projects.project_ids.shared
  region     = var.region
  ranges     = var.ranges
  service_projects = {
    for env in local.cluster_envs : env => {
      project_id     = module.projects.project_ids[env]
      project_number = module.projects.project_numbers[env]
    }
  }
  node_service_accounts = { for env in local.cluster_envs : env => module.node_accounts[env].emails["flamingo-gke-nodes"] }
}

module "nat" {
  source = "../../modules/nat"

  project_id     = module.projects.project_ids.shared
  region         = var.region
  network_id     = module.network.network_id
  subnetwork_ids = [for c in values(module.network.clusters) : c.subnet_id]
}

module "registry" {
  source = "../../modules/artifact-registry"

  project_id = module.projects.project_ids.shared
  location   = var.region
  readers    = [for env in local.cluster_envs : module.node_accounts[env].emails["flamingo-gke-nodes"]]
  writers    = [module.ci_account.emails["flamingo-ci"]]
}

module "budget" {
  source = "../../modules/budget"

  billing_account      = var.billing_account
  project_numbers      = values(module.projects.project_numbers)
  monthly_amount_usd   = var.monthly_budget_usd
  notification_project = module.projects.project_ids.shared
  alert_emails         = var.budget_alert_emails
}

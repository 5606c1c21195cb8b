# The plan the names test (tests/infra/test_names.py) reads, once per cluster: the cluster and the
# project id come from the command line (-var cluster=prod -var project_id=<the chart's
# gcp.projectId>; a test file's variables would beat -var), the names from this root's defaults.
# The shared root's state is replaced by a stand-in; the names test checks its ranges against the
# shared root's own plan, so this copy cannot drift from infra/envs/shared.
mock_provider "google" {}

override_data {
  target = data.terraform_remote_state.shared
  values = {
    outputs = {
      project_ids = { prod = "example-flamingo-prod", staging = "example-flamingo-staging", shared = "example-flamingo-shared" }
      network_id  = "projects/example-flamingo-shared/global/networks/flamingo-vpc"
      clusters = {
        prod    = { subnet_id = "projects/example-flamingo-shared/regions/europe-west1/subnetworks/flamingo-prod-nodes", subnet_name = "flamingo-prod-nodes", pods_range_name = "flamingo-prod-pods", services_range_name = "flamingo-prod-services", master_cidr = "172.16.0.0/28", nodes_cidr = "10.0.0.0/22" }
        staging = { subnet_id = "projects/example-flamingo-shared/regions/europe-west1/subnetworks/flamingo-staging-nodes", subnet_name = "flamingo-staging-nodes", pods_range_name = "flamingo-staging-pods", services_range_name = "flamingo-staging-services", master_cidr = "172.16.0.16/28", nodes_cidr = "10.1.0.0/22" }
      }
      redis_ranges = {
        prod    = { name = "flamingo-prod-redis", cidr = "10.10.0.0/29" }
        staging = { name = "flamingo-staging-redis", cidr = "10.30.0.8/29" }
        dev     = { name = "flamingo-dev-redis", cidr = "10.30.0.0/29" }
      }
      atlas_subnets = {
        prod    = { subnet_id = "projects/example-flamingo-shared/regions/europe-west1/subnetworks/flamingo-prod-atlas-psc", subnet_name = "flamingo-prod-atlas-psc", cidr = "10.20.0.0/24" }
        staging = { subnet_id = "projects/example-flamingo-shared/regions/europe-west1/subnetworks/flamingo-staging-atlas-psc", subnet_name = "flamingo-staging-atlas-psc", cidr = "10.40.1.0/24" }
        dev     = { subnet_id = "projects/example-flamingo-shared/regions/europe-west1/subnetworks/flamingo-dev-atlas-psc", subnet_name = "flamingo-dev-atlas-psc", cidr = "10.40.0.0/24" }
      }
      node_service_accounts = {
        prod    = "flamingo-gke-nodes@example-flamingo-prod.iam.gserviceaccount.com"
        staging = "flamingo-gke-nodes@example-flamingo-staging.iam.gserviceaccount.com"
      }
    }
  }
}

variables {
  state_bucket               = "example-state-bucket"
  master_authorized_networks = [{ cidr = "192.0.2.0/24", name = "ci" }]
}

run "plan" {
  command = plan

  assert {
    condition     = alltrue([for env, v in output.chart_values : v.gcp_service_account == "flamingo-backend@${v.atlas_gcp_project_id}.iam.gserviceaccount.com"])
    error_message = "the app account must be flamingo-backend@<project>"
  }
  assert {
    condition     = alltrue([for env, v in output.chart_values : length(v.workload_identity_ksas) == 2 && length(v.secrets) == 5])
    error_message = "two bound Kubernetes service accounts and five secrets per app environment: ${jsonencode(output.chart_values)}"
  }
  assert {
    condition     = alltrue([for env, v in output.chart_values : alltrue([for s in values(v.secret_accessors) : toset(s) == toset(["serviceAccount:${v.gcp_service_account}"])])])
    error_message = "each environment's secrets must be readable by its app account only"
  }
}

# The cluster guard (environment.tf): a plan names its cluster, or it stops before planning.
# `terraform test` runs in the workspace "default", so no cluster is chosen without the variable
# (these runs set it themselves, beating -var; tests/infra/test_cluster_root.py reads them).
run "no_cluster_chosen" {
  command = plan
  variables {
    cluster = null
  }
  expect_failures = [var.cluster]
}

run "unknown_cluster" {
  command = plan
  variables {
    cluster = "qa"
  }
  expect_failures = [var.cluster]
}

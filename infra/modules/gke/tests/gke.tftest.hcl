mock_provider "google" {}

variables {
  project_id  = "example-flamingo-prod"
  environment = "prod"
  region      = "europe-west1"
  network = {
    network_id          = "projects/example-flamingo-shared/global/networks/flamingo-vpc"
    subnet_id           = "projects/example-flamingo-shared/regions/europe-west1/subnetworks/flamingo-prod-nodes"
    pods_range_name     = "flamingo-prod-pods"
    services_range_name = "flamingo-prod-services"
    master_cidr         = "172.16.0.0/28"
  }
  master_authorized_networks = [{ cidr = "192.0.2.0/24", name = "ci-runners" }]
  node_service_account       = "flamingo-gke-nodes@example-flamingo-prod.iam.gserviceaccount.com"
}

run "autopilot_private_nodes_workload_identity" {
  command = plan

  assert {
    condition     = google_container_cluster.this.enable_autopilot == true
    error_message = "the cluster must be Autopilot"
  }
  assert {
    condition     = google_container_cluster.this.private_cluster_config[0].enable_private_nodes == true
    error_message = "nodes must be private (no public node IPs)"
  }
  assert {
    condition     = google_container_cluster.this.workload_identity_config[0].workload_pool == "example-flamingo-prod.svc.id.goog"
    error_message = "Workload Identity must use the project's pool"
  }
  assert {
    condition     = google_container_cluster.this.release_channel[0].channel == "REGULAR"
    error_message = "the cluster must be on a release channel"
  }
  assert {
    condition     = google_container_cluster.this.maintenance_policy[0].recurring_window[0].recurrence == "FREQ=WEEKLY;BYDAY=TU,WE,TH"
    error_message = "a maintenance window must be set"
  }
  assert {
    condition     = [for b in google_container_cluster.this.master_authorized_networks_config[0].cidr_blocks : b.cidr_block] == ["192.0.2.0/24"] && google_container_cluster.this.master_authorized_networks_config[0].gcp_public_cidrs_access_enabled == false
    error_message = "only the authorized networks may reach the control plane"
  }
  assert {
    condition     = google_container_cluster.this.ip_allocation_policy[0].cluster_secondary_range_name == "flamingo-prod-pods"
    error_message = "pods must use the subnet's secondary range"
  }
  assert {
    condition     = google_container_cluster.this.cluster_autoscaling[0].auto_provisioning_defaults[0].service_account == var.node_service_account
    error_message = "nodes must run as the dedicated node service account"
  }
}

run "rejects_open_control_plane" {
  command = plan
  variables {
    master_authorized_networks = [{ cidr = "0.0.0.0/0", name = "everyone" }]
  }
  expect_failures = [var.master_authorized_networks]
}

run "rejects_unknown_environment" {
  command = plan
  variables {
    environment = "qa"
  }
  expect_failures = [var.environment]
}

run "rejects_region_outside_the_allowed_list" {
  command = plan
  variables {
    region = "us-east1"
  }
  expect_failures = [var.region]
}

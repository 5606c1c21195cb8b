# A regional GKE Autopilot cluster with private nodes in the Shared VPC. Autopilot manages the
# nodes (Shielded, COS, auto-upgrade); Workload Identity is always on.
resource "google_container_cluster" "this" {
  # checkov:skip=CKV_GCP_12:Autopilot always runs GKE Dataplane V2, which enforces NetworkPolicy; the network_policy block is refused on Autopilot.
  # checkov:skip=CKV_GCP_61:Autopilot manages intranode visibility itself; VPC flow logs are on every subnet (network module).
  # checkov:skip=CKV_GCP_69:Autopilot always serves pods the GKE metadata server (Workload Identity cannot be turned off); node_config is refused on Autopilot.
  # checkov:skip=CKV_GCP_65:Google Groups for RBAC needs a Workspace group gke-security-groups@<domain> the seed's organisation may not have; people get access through IAM roles, Argo CD and CI through service accounts.
  project  = var.project_id
  name     = "flamingo-${var.environment}"
  location = var.region

  enable_autopilot    = true
  deletion_protection = var.deletion_protection

  network    = var.network.network_id
  subnetwork = var.network.subnet_id

  ip_allocation_policy {
    cluster_secondary_range_name  = var.network.pods_range_name
    services_secondary_range_name = var.network.services_range_name
  }

  private_cluster_config {
    # Nodes get internal addresses only; they reach out through Cloud NAT.
    enable_private_nodes = true
    # The endpoint stays reachable, but only from master_authorized_networks (CI, admins).
    enable_private_endpoint = false
    master_ipv4_cidr_block  = var.network.master_cidr
    master_global_access_config {
      enabled = false
    }
  }

  master_authorized_networks_config {
    gcp_public_cidrs_access_enabled = false
    dynamic "cidr_blocks" {
      for_each = var.master_authorized_networks
      content {
        cidr_block   = cidr_blocks.value.cidr
        display_name = cidr_blocks.value.name
      }
    }
  }

  # Client certificates are a credential that cannot be revoked; IAM is the only way in.
  master_auth {
    client_certificate_config {
      issue_client_certificate = false
    }
  }

  workload_identity_config {
    workload_pool = "${var.project_id}.svc.id.goog"
  }

  release_channel {
    channel = var.release_channel
  }

  maintenance_policy {
    recurring_window {
      start_time = var.maintenance_window.start_time
      end_time   = var.maintenance_window.end_time
      recurrence = var.maintenance_window.recurrence
    }
  }

  cluster_autoscaling {
    auto_provisioning_defaults {
      service_account = var.node_service_account
      oauth_scopes    = ["https://www.googleapis.com/auth/cloud-platform"]
    }
  }

  binary_authorization {
    evaluation_mode = "PROJECT_SINGLETON_POLICY_ENFORCE"
  }

  # Argo CD and the chart manage everything inside the cluster; this only builds the ground.
  resource_labels = {
    app         = "flamingo"
    environment = var.environment
  }
}

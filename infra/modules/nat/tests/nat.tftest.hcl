mock_provider "google" {}

variables {
  project_id     = "example-flamingo-shared"
  region         = "europe-west1"
  network_id     = "projects/example-flamingo-shared/global/networks/flamingo-vpc"
  subnetwork_ids = ["projects/example-flamingo-shared/regions/europe-west1/subnetworks/flamingo-prod-nodes", "projects/example-flamingo-shared/regions/europe-west1/subnetworks/flamingo-staging-nodes"]
}

run "shared_nat_for_every_subnet" {
  command = plan

  assert {
    condition     = google_compute_router_nat.this.source_subnetwork_ip_ranges_to_nat == "LIST_OF_SUBNETWORKS" && length(google_compute_router_nat.this.subnetwork) == 2
    error_message = "one NAT must serve both clusters' subnets"
  }
  assert {
    condition     = alltrue([for s in google_compute_router_nat.this.subnetwork : contains(s.source_ip_ranges_to_nat, "ALL_IP_RANGES")])
    error_message = "pods (secondary ranges) must be translated too"
  }
  assert {
    condition     = google_compute_router_nat.this.nat_ip_allocate_option == "MANUAL_ONLY" && length(google_compute_address.nat) == 1
    error_message = "one reserved address by default"
  }
  assert {
    condition     = google_compute_router_nat.this.log_config[0].enable && google_compute_router_nat.this.log_config[0].filter == "ERRORS_ONLY"
    error_message = "NAT error logging must be on"
  }
}

run "google_allocated_addresses" {
  command = plan
  variables {
    static_ip_count = 0
  }
  assert {
    condition     = google_compute_router_nat.this.nat_ip_allocate_option == "AUTO_ONLY" && length(google_compute_address.nat) == 0
    error_message = "static_ip_count = 0 must let Google allocate"
  }
}

run "rejects_region_outside_the_allowed_list" {
  command = plan
  variables {
    region = "asia-east1"
  }
  expect_failures = [var.region]
}

run "rejects_no_subnets" {
  command = plan
  variables {
    subnetwork_ids = []
  }
  expect_failures = [var.subnetwork_ids]
}

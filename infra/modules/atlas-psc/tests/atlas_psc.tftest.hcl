mock_provider "google" {}

variables {
  project_id  = "example-flamingo-prod"
  environment = "prod"
  region      = "europe-west1"
  network_id  = "projects/example-flamingo-shared/global/networks/flamingo-vpc"
  subnet = {
    subnet_id = "projects/example-flamingo-shared/regions/europe-west1/subnetworks/flamingo-prod-atlas-psc"
    cidr      = "10.20.0.0/24"
  }
}

run "first_apply_reserves_the_address_only" {
  command = plan

  assert {
    condition     = length(google_compute_address.endpoint) == 1 && google_compute_address.endpoint[0].address == "10.20.0.4" && google_compute_address.endpoint[0].address_type == "INTERNAL"
    error_message = "one internal address inside the PSC subnet"
  }
  assert {
    condition     = length(google_compute_forwarding_rule.endpoint) == 0
    error_message = "no forwarding rule before Atlas has published its service attachment"
  }
  assert {
    condition     = output.endpoints == [{ name = "flamingo-prod-atlas", ipAddress = "10.20.0.4" }]
    error_message = "endpoint list: ${jsonencode(output.endpoints)}"
  }
}

run "forwarding_rule_to_the_atlas_attachment" {
  command = plan
  variables {
    service_attachments = ["projects/p-atlas-example/regions/europe-west1/serviceAttachments/sa-0"]
  }
  assert {
    condition     = google_compute_forwarding_rule.endpoint[0].target == "projects/p-atlas-example/regions/europe-west1/serviceAttachments/sa-0" && google_compute_forwarding_rule.endpoint[0].load_balancing_scheme == ""
    error_message = "the forwarding rule must be a PSC endpoint to Atlas's attachment"
  }
}

run "legacy_architecture_has_fifty_endpoints" {
  command = plan
  variables {
    endpoint_count = 50
  }
  assert {
    condition     = length(output.endpoints) == 50 && output.endpoints[49].name == "flamingo-prod-atlas-49" && output.endpoints[49].ipAddress == "10.20.0.53"
    error_message = "50 named, numbered endpoints"
  }
}

run "rejects_attachment_count_mismatch" {
  command = plan
  variables {
    service_attachments = ["projects/p/regions/europe-west1/serviceAttachments/a", "projects/p/regions/europe-west1/serviceAttachments/b"]
  }
  expect_failures = [var.service_attachments]
}

run "rejects_region_outside_the_allowed_list" {
  command = plan
  variables {
    region = "us-central1"
  }
  expect_failures = [var.region]
}

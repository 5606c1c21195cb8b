# Plan-level tests with a mocked Google provider: no credentials, no API calls.
mock_provider "google" {}

variables {
  project_id = "example-flamingo-shared"
  region     = "europe-west1"
  ranges = {
    clusters = {
      prod    = { nodes = "10.0.0.0/22", pods = "10.64.0.0/14", services = "10.4.0.0/20", master = "172.16.0.0/28" }
      staging = { nodes = "10.1.0.0/22", pods = "10.68.0.0/14", services = "10.5.0.0/20", master = "172.16.0.16/28" }
    }
    redis = { prod = "10.10.0.0/29", staging = "10.30.0.8/29", dev = "10.30.0.0/29" }
    atlas = { prod = "10.20.0.0/24", staging = "10.40.1.0/24", dev = "10.40.0.0/24" }
  }
  service_projects = {
    prod    = { project_id = "example-flamingo-prod", project_number = "111111111111" }
    staging = { project_id = "example-flamingo-staging", project_number = "222222222222" }
  }
  node_service_accounts = {
    prod    = "flamingo-gke-nodes@example-flamingo-prod.iam.gserviceaccount.com"
    staging = "flamingo-gke-nodes@example-flamingo-staging.iam.gserviceaccount.com"
  }
}

run "private_subnets_with_secondary_ranges_and_flow_logs" {
  command = plan

  assert {
    condition     = alltrue([for s in google_compute_subnetwork.nodes : s.private_ip_google_access && length(s.secondary_ip_range) == 2])
    error_message = "every node subnet needs Private Google Access and the pod + service secondary ranges"
  }
  assert {
    condition     = google_compute_subnetwork.nodes["prod"].secondary_ip_range[0].ip_cidr_range == "10.64.0.0/14" && google_compute_subnetwork.nodes["prod"].secondary_ip_range[1].range_name == "flamingo-prod-services"
    error_message = "prod secondary ranges are not the ones given"
  }
  assert {
    condition     = alltrue([for s in concat(values(google_compute_subnetwork.nodes), values(google_compute_subnetwork.atlas)) : length(s.log_config) == 1 && s.log_config[0].flow_sampling == 0.5])
    error_message = "flow logs must be on for every subnet"
  }
  assert {
    condition     = google_compute_network.this.auto_create_subnetworks == false
    error_message = "the VPC must not auto-create (public-default) subnets"
  }
}

run "default_deny_at_lowest_priority" {
  command = plan

  assert {
    condition     = google_compute_firewall.deny_all_ingress.priority == 65535 && google_compute_firewall.deny_all_ingress.direction == "INGRESS" && [for d in google_compute_firewall.deny_all_ingress.deny : d.protocol] == ["all"] && contains(google_compute_firewall.deny_all_ingress.source_ranges, "0.0.0.0/0")
    error_message = "deny-all ingress must deny all protocols from 0.0.0.0/0 at priority 65535"
  }
  assert {
    condition     = google_compute_firewall.deny_all_egress.priority == 65535 && google_compute_firewall.deny_all_egress.direction == "EGRESS" && [for d in google_compute_firewall.deny_all_egress.deny : d.protocol] == ["all"] && contains(google_compute_firewall.deny_all_egress.destination_ranges, "0.0.0.0/0")
    error_message = "deny-all egress must deny all protocols to 0.0.0.0/0 at priority 65535"
  }
  assert {
    condition     = alltrue([for r in google_compute_firewall.allow : r.priority < 65535 && length(r.target_service_accounts) == 1])
    error_message = "every allow must beat the deny-alls and be scoped to one cluster's nodes"
  }
  assert {
    condition = toset(keys(google_compute_firewall.allow)) == toset(flatten([for env in ["prod", "staging"] : [
      for a in ["ingress-health-checks", "ingress-control-plane", "ingress-cluster", "egress-cluster", "egress-control-plane", "egress-google-apis", "egress-dns", "egress-nat", "egress-redis", "egress-atlas"] : "${env}-${a}"
    ]]))
    error_message = "the allows are exactly health checks, control plane, cluster, Google APIs, DNS, NAT, Redis and Atlas per cluster; got ${join(", ", keys(google_compute_firewall.allow))}"
  }
  assert {
    condition     = toset(google_compute_firewall.allow["prod-ingress-health-checks"].source_ranges) == toset(["130.211.0.0/22", "35.191.0.0/16"])
    error_message = "health checks must be allowed from Google's ranges only"
  }
  assert {
    condition     = toset(google_compute_firewall.allow["staging-egress-redis"].destination_ranges) == toset(["10.30.0.8/29", "10.30.0.0/29"]) && toset(google_compute_firewall.allow["prod-egress-redis"].destination_ranges) == toset(["10.10.0.0/29"])
    error_message = "staging nodes reach the staging and dev Redis ranges, prod nodes only prod's"
  }
  assert {
    condition     = toset(google_compute_firewall.allow["prod-egress-atlas"].target_service_accounts) == toset(["flamingo-gke-nodes@example-flamingo-prod.iam.gserviceaccount.com"])
    error_message = "the Atlas allow must target the prod node service account"
  }
}

run "private_service_access_for_redis" {
  command = plan

  assert {
    condition     = output.redis_ranges["prod"].cidr == "10.10.0.0/29" && output.redis_ranges["dev"].cidr == "10.30.0.0/29"
    error_message = "redis ranges must be the given /29s (prod: ${output.redis_ranges["prod"].cidr})"
  }
  assert {
    condition     = alltrue([for a in google_compute_global_address.redis : a.purpose == "VPC_PEERING" && a.address_type == "INTERNAL"])
    error_message = "redis ranges must be private-service-access allocations"
  }
  assert {
    condition     = length(google_service_networking_connection.private_service_access.reserved_peering_ranges) == 3
    error_message = "the private service access connection must reserve every Redis range"
  }
  assert {
    condition     = length(google_compute_shared_vpc_service_project.this) == 2
    error_message = "prod and staging must attach to the Shared VPC"
  }
}

run "rejects_overlapping_cidrs" {
  command = plan
  variables {
    ranges = {
      clusters = {
        prod = { nodes = "10.0.0.0/22", pods = "10.64.0.0/14", services = "10.4.0.0/20", master = "172.16.0.0/28" }
      }
      # 10.0.2.0/29 lies inside the prod node subnet 10.0.0.0/22.
      redis = { prod = "10.0.2.0/29" }
      atlas = {}
    }
  }
  expect_failures = [var.ranges]
}

run "rejects_unknown_environment" {
  command = plan
  variables {
    ranges = {
      clusters = {
        qa = { nodes = "10.0.0.0/22", pods = "10.64.0.0/14", services = "10.4.0.0/20", master = "172.16.0.0/28" }
      }
      redis = {}
      atlas = {}
    }
  }
  expect_failures = [var.ranges]
}

run "rejects_region_outside_the_allowed_list" {
  command = plan
  variables {
    region = "us-central1"
  }
  expect_failures = [var.region]
}

# The plan the names test (tests/infra/test_names.py) reads. project_ids is deliberately not set
# here (a test file's variables would beat -var): the names test passes the ids the chart's values
# name, so run it through `make test-infra`, or by hand with -var 'project_ids={...}'.
mock_provider "google" {}

variables {
  folder_id           = "123456789012"
  billing_account     = "000000-AAAAAA-111111"
  budget_alert_emails = ["platform@example.com"]
}

run "plan" {
  command = plan

  assert {
    condition     = output.redis_ranges["prod"].cidr == var.ranges.redis["prod"] && length(output.atlas_subnets) == 3
    error_message = "the root must hand the Redis and Atlas ranges through: ${jsonencode(output.redis_ranges)}"
  }
  assert {
    condition     = output.registry == "${var.region}-docker.pkg.dev/${var.project_ids.shared}/flamingo"
    error_message = "registry: ${output.registry}"
  }
  assert {
    condition     = output.budget_amount_usd == 200
    error_message = "the budget must be the seed's $200"
  }
  assert {
    condition     = output.node_service_accounts["prod"] == "flamingo-gke-nodes@${var.project_ids.prod}.iam.gserviceaccount.com"
    error_message = "node account: ${output.node_service_accounts["prod"]}"
  }
}

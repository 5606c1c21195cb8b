output "endpoint_group_name" {
  description = "Endpoint group name (the AtlasPrivateEndpoint's gcpConfiguration.groupName)."
  value       = local.group
}

output "endpoints" {
  description = "Forwarding-rule names and addresses (the AtlasPrivateEndpoint's gcpConfiguration.endpoints)."
  value       = [for e in local.endpoints : { name = e.name, ipAddress = e.ip_address }]
}

output "cidr" {
  description = "The subnet the endpoints live in (the chart's networkPolicy.mongo.cidrs)."
  value       = var.subnet.cidr
}

output "forwarding_rules" {
  description = "Names of the forwarding rules created (empty until service_attachments is set)."
  value       = google_compute_forwarding_rule.endpoint[*].name
}

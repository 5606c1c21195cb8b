output "secret_ids" {
  description = "Secret id per chart setting (mongoUri, redisUrl, secretKey, oidcClientSecret, smtpPassword)."
  value       = { for k, s in google_secret_manager_secret.this : k => s.secret_id }
}

output "sm_references" {
  description = "The sm:// reference of each setting's latest version, exactly as the chart renders it into the ConfigMap."
  value       = { for k, s in google_secret_manager_secret.this : k => "sm://projects/${var.project_id}/secrets/${s.secret_id}/versions/latest" }
}

output "accessors" {
  description = "Members holding secretAccessor, per setting."
  value       = { for k, b in google_secret_manager_secret_iam_binding.accessor : k => b.members }
}

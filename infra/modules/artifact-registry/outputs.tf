output "registry" {
  description = "Image registry prefix, as the chart's image.registry expects it (<location>-docker.pkg.dev/<project>/<repository>)."
  value       = "${var.location}-docker.pkg.dev/${var.project_id}/${var.repository_id}"
}

output "repository_id" {
  description = "Id of the repository."
  value       = google_artifact_registry_repository.this.id
}

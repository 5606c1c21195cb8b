output "cluster_name" {
  description = "Name of the cluster (Argo CD's destination is registered under gke-<environment>)."
  value       = google_container_cluster.this.name
}

output "cluster_id" {
  description = "Id of the cluster."
  value       = google_container_cluster.this.id
}

output "endpoint" {
  description = "Control-plane endpoint (reachable only from master_authorized_networks); known after apply."
  value       = google_container_cluster.this.endpoint
}

output "workload_pool" {
  description = "Workload Identity pool of the cluster's project (<project>.svc.id.goog)."
  value       = "${var.project_id}.svc.id.goog"
}

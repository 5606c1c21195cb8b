# Default deny in both directions at the lowest priority (65535), then only what the platform
# needs, each allow scoped to one cluster's node service account so prod and staging nodes
# cannot reach each other's Redis or Atlas ranges.
locals {
  lowest_priority = 65535

  # Allow rules per cluster; priority 1000 (the default) wins over the deny-alls.
  allows = merge([for env, c in var.ranges.clusters : {
    "${env}-ingress-health-checks" = {
      direction = "INGRESS", ranges = local.google_health_check_ranges, env = env
      rules     = [{ protocol = "tcp", ports = [for p in var.health_check_ports : tostring(p)] }]
      why       = "Google load balancer and health checks to the pods (container-native load balancing)"
    }
    "${env}-ingress-control-plane" = {
      direction = "INGRESS", ranges = [c.master], env = env
      rules     = [{ protocol = "tcp", ports = ["443", "10250"] }]
      why       = "GKE control plane to kubelets and admission webhooks"
    }
    "${env}-ingress-cluster" = {
      direction = "INGRESS", ranges = local.cluster_ranges[env], env = env
      rules     = [{ protocol = "all", ports = [] }]
      why       = "node and pod traffic inside the cluster (Kubernetes NetworkPolicies narrow it)"
    }
    "${env}-egress-cluster" = {
      direction = "EGRESS", ranges = local.cluster_ranges[env], env = env
      rules     = [{ protocol = "all", ports = [] }]
      why       = "node and pod traffic inside the cluster"
    }
    "${env}-egress-control-plane" = {
      direction = "EGRESS", ranges = [c.master], env = env
      rules     = [{ protocol = "tcp", ports = ["443", "10250"] }]
      why       = "kubelets to the private GKE control plane"
    }
    "${env}-egress-google-apis" = {
      direction = "EGRESS", ranges = [local.private_google_vip], env = env
      rules     = [{ protocol = "tcp", ports = ["443"] }]
      why       = "Secret Manager, Artifact Registry and the other Google APIs over Private Google Access"
    }
    "${env}-egress-dns" = {
      # The metadata server answers DNS (kube-dns forwards to it); GCP never filters traffic to
      # it, so this rule documents the dependency rather than opening anything. 35.199.192.0/19
      # is where Cloud DNS forwarding and private zones answer from.
      direction = "EGRESS", ranges = ["169.254.169.254/32", "35.199.192.0/19"], env = env
      rules     = [{ protocol = "udp", ports = ["53"] }, { protocol = "tcp", ports = ["53"] }]
      why       = "DNS"
    }
    "${env}-egress-nat" = {
      direction = "EGRESS", ranges = ["0.0.0.0/0"], env = env
      rules     = [{ protocol = "tcp", ports = [for p in var.nat_egress_ports : tostring(p)] }]
      why       = "outbound HTTPS to the internet, which leaves through the shared Cloud NAT"
    }
    "${env}-egress-redis" = {
      direction = "EGRESS", ranges = [for app, r in var.ranges.redis : r if local.cluster_of[app] == env], env = env
      rules     = [{ protocol = "tcp", ports = ["6378-6379"] }]
      why       = "Memorystore (6379 plain, 6378 with in-transit TLS)"
    }
    "${env}-egress-atlas" = {
      direction = "EGRESS", ranges = [for app, r in var.ranges.atlas : r if local.cluster_of[app] == env], env = env
      rules     = [{ protocol = "tcp", ports = ["27015-27017"] }]
      why       = "MongoDB Atlas through its Private Service Connect endpoints"
    }
  }]...)
  # An allow with no destination (e.g. no Redis range for an environment) is left out.
  allow_rules = { for k, v in local.allows : k => v if length(v.ranges) > 0 && contains(keys(var.node_service_accounts), v.env) }
}

resource "google_compute_firewall" "deny_all_ingress" {
  project       = var.project_id
  network       = google_compute_network.this.id
  name          = "${var.network_name}-deny-all-ingress"
  description   = "Default deny: nothing enters unless a higher-priority rule allows it."
  direction     = "INGRESS"
  priority      = local.lowest_priority
  source_ranges = ["0.0.0.0/0"]

  deny {
    protocol = "all"
  }
  log_config {
    metadata = "INCLUDE_ALL_METADATA"
  }
}

resource "google_compute_firewall" "deny_all_egress" {
  project            = var.project_id
  network            = google_compute_network.this.id
  name               = "${var.network_name}-deny-all-egress"
  description        = "Default deny: nothing leaves unless a higher-priority rule allows it."
  direction          = "EGRESS"
  priority           = local.lowest_priority
  destination_ranges = ["0.0.0.0/0"]

  deny {
    protocol = "all"
  }
  log_config {
    metadata = "INCLUDE_ALL_METADATA"
  }
}

resource "google_compute_firewall" "allow" {
  for_each = local.allow_rules

  project                 = var.project_id
  network                 = google_compute_network.this.id
  name                    = "${var.network_name}-allow-${each.key}"
  description             = "Allow ${each.value.why}."
  direction               = each.value.direction
  priority                = 1000
  source_ranges           = each.value.direction == "INGRESS" ? each.value.ranges : null
  destination_ranges      = each.value.direction == "EGRESS" ? each.value.ranges : null
  target_service_accounts = [var.node_service_accounts[each.value.env]]

  dynamic "allow" {
    for_each = each.value.rules
    content {
      protocol = allow.value.protocol
      ports    = length(allow.value.ports) > 0 ? allow.value.ports : null
    }
  }
  log_config {
    metadata = "EXCLUDE_ALL_METADATA"
  }
}

# tflint with its built-in Terraform ruleset on the recommended preset. The Google ruleset plugin
# cannot be downloaded here (GitHub releases are unreachable), so only the language rules run.
config {
  call_module_type = "local"
}

plugin "terraform" {
  enabled = true
  preset  = "recommended"
}

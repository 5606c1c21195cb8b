# Single sign-on: the real OIDC provider (Keycloak) the SSO tests run against. Included by the
# main Makefile. tests/support/keycloak.py starts it once per pytest session from
# tests/support/keycloak-realm.json and stops it afterwards.
.PHONY: keycloak
keycloak: ## install Keycloak $(KEYCLOAK_VERSION) into the tools cache when missing (Maven Central; needs Java >= 21)
	scripts/ensure-keycloak.sh

# The python tests include the OIDC ones: install Keycloak first, never inside a test's timeout.
test-python: keycloak

# Downloaded side by side with the tool builds on a new machine (Makefile: TOOL_TARGETS).
TOOL_TARGETS += keycloak

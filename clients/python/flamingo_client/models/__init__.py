"""Contains all the data models used in inputs/outputs"""

from .admin_list_links_sort import AdminListLinksSort
from .admin_user import AdminUser
from .admin_user_page import AdminUserPage
from .api_token import ApiToken
from .api_token_create import ApiTokenCreate
from .api_token_created import ApiTokenCreated
from .api_token_list import ApiTokenList
from .audit_action import AuditAction
from .audit_entry import AuditEntry
from .audit_entry_changes import AuditEntryChanges
from .audit_entry_target_type import AuditEntryTargetType
from .audit_page import AuditPage
from .auth_providers import AuthProviders
from .auth_providers_oidc_type_1 import AuthProvidersOidcType1
from .batch_result import BatchResult
from .batch_result_items_item import BatchResultItemsItem
from .blocked_domain import BlockedDomain
from .blocked_domain_create import BlockedDomainCreate
from .blocked_domain_list import BlockedDomainList
from .breakdown_row import BreakdownRow
from .create_links_body import CreateLinksBody
from .credentials import Credentials
from .daily_clicks import DailyClicks
from .domain import Domain
from .domain_create import DomainCreate
from .domain_host_list import DomainHostList
from .domain_host_list_items_item import DomainHostListItemsItem
from .domain_list import DomainList
from .domain_patch import DomainPatch
from .email_verified import EmailVerified
from .field_error import FieldError
from .get_link_response_200 import GetLinkResponse200
from .get_open_api_response_200 import GetOpenApiResponse200
from .get_version_response_200 import GetVersionResponse200
from .healthz_response_200 import HealthzResponse200
from .invitation import Invitation
from .invitation_create import InvitationCreate
from .invitation_created import InvitationCreated
from .invitation_list import InvitationList
from .invitation_preview import InvitationPreview
from .link import Link
from .link_create import LinkCreate
from .link_list_item import LinkListItem
from .link_list_item_clicks import LinkListItemClicks
from .link_list_item_state import LinkListItemState
from .link_page import LinkPage
from .link_patch import LinkPatch
from .link_stats import LinkStats
from .link_stats_rules_item import LinkStatsRulesItem
from .link_stats_totals import LinkStatsTotals
from .link_stats_variants_item import LinkStatsVariantsItem
from .list_links_sort import ListLinksSort
from .member import Member
from .member_list import MemberList
from .orphan_visits import OrphanVisits
from .orphan_visits_series_item import OrphanVisitsSeriesItem
from .orphan_visits_top_item import OrphanVisitsTopItem
from .password_change import PasswordChange
from .problem import Problem
from .readyz_response_200 import ReadyzResponse200
from .readyz_response_200_checks import ReadyzResponse200Checks
from .redirect_status import RedirectStatus
from .role_change import RoleChange
from .rule import Rule
from .rule_condition import RuleCondition
from .rule_condition_device_type_0 import RuleConditionDeviceType0
from .rule_condition_device_type_1_item import RuleConditionDeviceType1Item
from .rule_condition_os_type_0 import RuleConditionOsType0
from .rule_condition_os_type_1_item import RuleConditionOsType1Item
from .rule_condition_query import RuleConditionQuery
from .scope import Scope
from .stats_overview import StatsOverview
from .stats_overview_series_item import StatsOverviewSeriesItem
from .stats_overview_top_links_item import StatsOverviewTopLinksItem
from .stats_overview_totals import StatsOverviewTotals
from .unlock_link_body import UnlockLinkBody
from .unlock_link_response_200 import UnlockLinkResponse200
from .unlock_status_response_200 import UnlockStatusResponse200
from .user import User
from .user_role import UserRole
from .variant import Variant
from .verification_sent import VerificationSent
from .verify_email import VerifyEmail
from .workspace import Workspace
from .workspace_create import WorkspaceCreate
from .workspace_list import WorkspaceList
from .workspace_patch import WorkspacePatch
from .workspace_role import WorkspaceRole

__all__ = (
    "AdminListLinksSort",
    "AdminUser",
    "AdminUserPage",
    "ApiToken",
    "ApiTokenCreate",
    "ApiTokenCreated",
    "ApiTokenList",
    "AuditAction",
    "AuditEntry",
    "AuditEntryChanges",
    "AuditEntryTargetType",
    "AuditPage",
    "AuthProviders",
    "AuthProvidersOidcType1",
    "BatchResult",
    "BatchResultItemsItem",
    "BlockedDomain",
    "BlockedDomainCreate",
    "BlockedDomainList",
    "BreakdownRow",
    "CreateLinksBody",
    "Credentials",
    "DailyClicks",
    "Domain",
    "DomainCreate",
    "DomainHostList",
    "DomainHostListItemsItem",
    "DomainList",
    "DomainPatch",
    "EmailVerified",
    "FieldError",
    "GetLinkResponse200",
    "GetOpenApiResponse200",
    "GetVersionResponse200",
    "HealthzResponse200",
    "Invitation",
    "InvitationCreate",
    "InvitationCreated",
    "InvitationList",
    "InvitationPreview",
    "Link",
    "LinkCreate",
    "LinkListItem",
    "LinkListItemClicks",
    "LinkListItemState",
    "LinkPage",
    "LinkPatch",
    "LinkStats",
    "LinkStatsRulesItem",
    "LinkStatsTotals",
    "LinkStatsVariantsItem",
    "ListLinksSort",
    "Member",
    "MemberList",
    "OrphanVisits",
    "OrphanVisitsSeriesItem",
    "OrphanVisitsTopItem",
    "PasswordChange",
    "Problem",
    "ReadyzResponse200",
    "ReadyzResponse200Checks",
    "RedirectStatus",
    "RoleChange",
    "Rule",
    "RuleCondition",
    "RuleConditionDeviceType0",
    "RuleConditionDeviceType1Item",
    "RuleConditionOsType0",
    "RuleConditionOsType1Item",
    "RuleConditionQuery",
    "Scope",
    "StatsOverview",
    "StatsOverviewSeriesItem",
    "StatsOverviewTopLinksItem",
    "StatsOverviewTotals",
    "UnlockLinkBody",
    "UnlockLinkResponse200",
    "UnlockStatusResponse200",
    "User",
    "UserRole",
    "Variant",
    "VerificationSent",
    "VerifyEmail",
    "Workspace",
    "WorkspaceCreate",
    "WorkspaceList",
    "WorkspacePatch",
    "WorkspaceRole",
)

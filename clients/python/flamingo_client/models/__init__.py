"""Contains all the data models used in inputs/outputs"""

from .admin_list_links_sort import AdminListLinksSort
from .admin_user import AdminUser
from .admin_user_page import AdminUserPage
from .admin_user_role import AdminUserRole
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
from .batch_create import BatchCreate
from .batch_item_result import BatchItemResult
from .batch_result import BatchResult
from .blocked_domain import BlockedDomain
from .blocked_domain_create import BlockedDomainCreate
from .blocked_domain_list import BlockedDomainList
from .breakdown_row import BreakdownRow
from .credentials import Credentials
from .daily_clicks import DailyClicks
from .device import Device
from .domain import Domain
from .domain_create import DomainCreate
from .domain_host import DomainHost
from .domain_host_list import DomainHostList
from .domain_list import DomainList
from .domain_patch import DomainPatch
from .email_verified import EmailVerified
from .field_error import FieldError
from .get_link_stats_csv_interval import GetLinkStatsCsvInterval
from .get_link_stats_interval import GetLinkStatsInterval
from .get_open_api_response_200 import GetOpenApiResponse200
from .get_stats_overview_interval import GetStatsOverviewInterval
from .get_workspace_stats_interval import GetWorkspaceStatsInterval
from .hourly_clicks import HourlyClicks
from .import_links_body_type_0 import ImportLinksBodyType0
from .import_links_body_type_1_item import ImportLinksBodyType1Item
from .import_links_from import ImportLinksFrom
from .import_report import ImportReport
from .import_row import ImportRow
from .import_row_status import ImportRowStatus
from .interval import Interval
from .invitation import Invitation
from .invitation_create import InvitationCreate
from .invitation_created import InvitationCreated
from .invitation_list import InvitationList
from .invitation_preview import InvitationPreview
from .link import Link
from .link_clicks import LinkClicks
from .link_create import LinkCreate
from .link_detail import LinkDetail
from .link_list_item import LinkListItem
from .link_list_item_state import LinkListItemState
from .link_page import LinkPage
from .link_patch import LinkPatch
from .link_rule import LinkRule
from .link_rule_condition import LinkRuleCondition
from .link_rule_condition_query_type_0 import LinkRuleConditionQueryType0
from .link_stats import LinkStats
from .link_totals import LinkTotals
from .list_link_visits_format import ListLinkVisitsFormat
from .list_links_sort import ListLinksSort
from .liveness import Liveness
from .member import Member
from .member_list import MemberList
from .oidc_provider import OidcProvider
from .operating_system import OperatingSystem
from .orphan_code import OrphanCode
from .orphan_day import OrphanDay
from .orphan_visits import OrphanVisits
from .overview_day import OverviewDay
from .overview_totals import OverviewTotals
from .password_change import PasswordChange
from .problem import Problem
from .readiness import Readiness
from .readiness_checks import ReadinessChecks
from .redirect_status import RedirectStatus
from .role_change import RoleChange
from .rule import Rule
from .rule_clicks import RuleClicks
from .rule_condition import RuleCondition
from .rule_condition_query_type_0 import RuleConditionQueryType0
from .scope import Scope
from .source import Source
from .stats_overview import StatsOverview
from .top_link import TopLink
from .unlock_body import UnlockBody
from .unlock_status import UnlockStatus
from .unlocked import Unlocked
from .user import User
from .user_role import UserRole
from .variant import Variant
from .variant_clicks import VariantClicks
from .verification_sent import VerificationSent
from .verify_email import VerifyEmail
from .version import Version
from .visit import Visit
from .visit_page import VisitPage
from .workspace import Workspace
from .workspace_create import WorkspaceCreate
from .workspace_list import WorkspaceList
from .workspace_patch import WorkspacePatch
from .workspace_role import WorkspaceRole
from .workspace_stats import WorkspaceStats

__all__ = (
    "AdminListLinksSort",
    "AdminUser",
    "AdminUserPage",
    "AdminUserRole",
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
    "BatchCreate",
    "BatchItemResult",
    "BatchResult",
    "BlockedDomain",
    "BlockedDomainCreate",
    "BlockedDomainList",
    "BreakdownRow",
    "Credentials",
    "DailyClicks",
    "Device",
    "Domain",
    "DomainCreate",
    "DomainHost",
    "DomainHostList",
    "DomainList",
    "DomainPatch",
    "EmailVerified",
    "FieldError",
    "GetLinkStatsCsvInterval",
    "GetLinkStatsInterval",
    "GetOpenApiResponse200",
    "GetStatsOverviewInterval",
    "GetWorkspaceStatsInterval",
    "HourlyClicks",
    "ImportLinksBodyType0",
    "ImportLinksBodyType1Item",
    "ImportLinksFrom",
    "ImportReport",
    "ImportRow",
    "ImportRowStatus",
    "Interval",
    "Invitation",
    "InvitationCreate",
    "InvitationCreated",
    "InvitationList",
    "InvitationPreview",
    "Link",
    "LinkClicks",
    "LinkCreate",
    "LinkDetail",
    "LinkListItem",
    "LinkListItemState",
    "LinkPage",
    "LinkPatch",
    "LinkRule",
    "LinkRuleCondition",
    "LinkRuleConditionQueryType0",
    "LinkStats",
    "LinkTotals",
    "ListLinkVisitsFormat",
    "ListLinksSort",
    "Liveness",
    "Member",
    "MemberList",
    "OidcProvider",
    "OperatingSystem",
    "OrphanCode",
    "OrphanDay",
    "OrphanVisits",
    "OverviewDay",
    "OverviewTotals",
    "PasswordChange",
    "Problem",
    "Readiness",
    "ReadinessChecks",
    "RedirectStatus",
    "RoleChange",
    "Rule",
    "RuleClicks",
    "RuleCondition",
    "RuleConditionQueryType0",
    "Scope",
    "Source",
    "StatsOverview",
    "TopLink",
    "UnlockBody",
    "UnlockStatus",
    "Unlocked",
    "User",
    "UserRole",
    "Variant",
    "VariantClicks",
    "VerificationSent",
    "VerifyEmail",
    "Version",
    "Visit",
    "VisitPage",
    "Workspace",
    "WorkspaceCreate",
    "WorkspaceList",
    "WorkspacePatch",
    "WorkspaceRole",
    "WorkspaceStats",
)

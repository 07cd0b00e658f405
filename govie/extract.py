"""From entities to a Document: relations, report fields, tables, narrative indicators, checks.

Narrative mapping: a value_of relation (COUNT/MONEY/PERCENT -> METRIC) is mapped to a
schema key by the METRIC phrase and the clause around it (INDICATORS.md aliases and
the phrasings of §2.3); a METRIC without a number in a negated clause (未发生行政复议,
没有收取任何费用) is a reported zero. Table cells win over prose for the same key.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from typing import TYPE_CHECKING, Any, Sequence

from .labels import NUMBERS
from .metric_spans import COORDINATORS, LEAD, STOPS
from .ner.postprocess import NEGATION, clause_start
from .normalize import Normalized, script_of
from .schema import load_schema, parse_quantity, to_unit
from .tables import read_tables
from .types import Document, Entity, IndicatorValue, Relation, ReportMeta, Source

if TYPE_CHECKING:  # pragma: no cover
    from .pipeline import Pipeline

__all__ = ["build_document", "report_fields", "map_narrative", "prose_key_in_era", "NARRATIVE_RULES"]

_ERA_FORMAT = {"F21": "national_2021", "F19": "national_2019", "N14": "legacy_table"}

# (METRIC pattern, context pattern or None, keys, unit class or None); first match wins. A context
# pattern starting with "<" is searched in the line up to the number (the channel a figure is
# reported under: 政务微博。…发布信息300条), one starting with "~" in the 60 characters before the
# phrase (its section heading or sentence: 四、…收费及减免情况 …未收取任何费用), one starting with "^"
# in the part of the sentence between the last comma and the number (其中主要负责同志出席4场),
# otherwise in the sentence around it. A key starting with "@" depends on the era (_ERA_KEYS: the F19/F21 row or
# the legacy one). The unit class must hold the unit of the number (zero statements have none).

# a kind of information, or an enumeration of kinds, that stands for everything published: the
# object of 主动公开 / 发布 is bare (信息), generic (各类政府信息) or a list with a general item
# (新闻、文件、通知等信息); a single topic (招聘信息, 扶贫帮困信息, 行政执法、行政许可等信息) is a
# breakdown, not a total
_GENERIC_INFO = r"(了)?(的)?(各类|各项|各种|相关)?(政府|政务)?(图文)?(信息|文件|新闻|稿件|文章|消息)(总数|总量|数量|数|条目)?$"
_LISTED_INFO = r"[、,，].*等.{0,2}(政府|政务)?信息$"
_GENERAL_ITEM = r"(?=.*(各类|新闻|文件|通知|通报|公告|动态|要闻|政策|解读))"
_NOT_OUTCOME = r"^(?!.*(不予|不同意|部分公开|依申请|申请))"  # 不予公开政府信息 is an outcome of requests
_ALL_INFO = (rf"{_NOT_OUTCOME}.*(发布|公开|推送|更新|编发){_GENERIC_INFO}|^信息$|^(发布|公开|推送|更新)(?!.*解读$){_GENERAL_ITEM}"
             rf".*{_LISTED_INFO}")
_PUB_TOTAL = (rf"{_NOT_OUTCOME}.*?(主动公开(了|的)?(各类|各项|各种)?(政府|政务)?信息(总数|总量|数量|数)?$"
              r"|公开(了)?(各类|各项|各种)?政府信息(总数|总量|数量|数)?$|^(公开|发布)(了)?(各类)?信息(总数|总量|数)?$|^(公开|发布)(了)?各类(政府|政务)信息$"
              rf"|^(主动公开|公开|发布){_GENERAL_ITEM}.*{_LISTED_INFO})")
# channel words: (online, in person, letter, fax, e-mail, other)
_CHANNELS = [("app_ch_online", r"网络|网上|在线|网站|互联网"), ("app_ch_in_person", r"当面|现场|来访"),
             ("app_ch_letter", r"信函|邮寄|信件|来信"), ("app_ch_fax", r"传真"), ("app_ch_email", r"电子邮件|邮件|电邮"),
             ("app_ch_other", r"电话|口头|其他形式|其他方式")]
# requests for licences and services made online or at a counter are no disclosure requests
_NOT_REQUEST = r"^(?!.*(审批|许可|办件|服务事项|业务|备案))"
# training the agency does not run on disclosure (staff sent abroad, skills and job training)
_NOT_DISCLOSURE_TRAINING = r"^(?!.*(出国|出境|境外|技能|职业|就业|创业|农民|电商|学历))"
# the officials whose part in a press conference or an interview is counted apart
_OFFICIALS = (r"主要负责同志|主要负责人|主要领导|领导(同志)?(出席|参加|带头|做客|走进)"
              r"|(局长|厅长|市长|县长|区长)(出席|参加|带头|做客|走进)")
_PRINCIPAL = "^" + _OFFICIALS  # in the part of the sentence that holds the number (其中主要负责同志出席4场)
# a phrase that names the officials and no event (其中【主要负责同志参加】2次) counts the event named last before it
_OFFICIALS_ONLY = rf"^(?!.*(新闻发布|发布会|在线访谈))(.*({_OFFICIALS}))"
# the proceeding named last before an outcome (行政复议2件，其中【维持原具体行政行为】1件)
_LAST_REVIEW = r"~复议(?!.*诉讼)"
_LAST_SUIT = r"~(诉讼|起诉)(?!.*复议)"
_CAUSED_BY_DISCLOSURE = r"^因.{0,6}信息公开.{0,6}(引起|引发)$"  # the part of a proceeding's count that is about disclosure
# the attribute classification of the information made or obtained (制作…政府信息; not 申请获取…信息)
_MADE = r"制作|(?<!申请)获取"

NARRATIVE_RULES: list[tuple[str, str | None, tuple[str, ...], str | None]] = [
    # --- attribute classification of the information made (制作政府信息3021条，其中…不予公开信息1535条),
    # before the outcomes of requests: 不予公开信息 there is an attribute
    (r"制作.*(政府信息|信息)|获取政府信息", None, ("attr_info_produced",), "doc"),
    (r"^(主动公开|属于主动公开)", _MADE, ("attr_active",), "doc"),
    (r"^依申请公开(的|类|属性)?(信息)?(数)?$", _MADE, ("attr_on_request",), "doc"),
    (r"^不予公开(的|类|属性)?(信息)?(数)?$", _MADE, ("attr_not_public",), "doc"),
    # a breakdown by attribute after a comma or a semicolon (按公开属性划分，主动公开类…；认定为不予公开的…)
    (r"^认定为主动公开|^主动公开类", "~" + _MADE + "|公开属性", ("attr_active",), "doc"),
    (r"^认定为依申请公开|^依申请公开类", "~" + _MADE + "|公开属性", ("attr_on_request",), "doc"),
    (r"^认定为不予公开|^不予公开类", "~" + _MADE + "|公开属性", ("attr_not_public",), "doc"),
    # --- results of requests: the outcome groups and the rows of Table 3 (F19/F21) or the 2014 table
    (r"(予以|同意|准予)(全部)?公开[（(]?(及|和|与|、|或|含)(予以|同意|准予)?部分公开|全部或部分公开", None,
     ("app_res_granted_or_partial__total",), "doc"),
    (r"^(予以|同意)(全部)?公开(答复)?(数)?$|^同意公开|^全部公开$", None, ("app_res_granted__total",), "doc"),
    (r"^部分公开$|^(同意|予以)部分公开", None, ("app_res_partial__total",), "doc"),
    (r"^(不予|不同意)公开(政府信息)?(答复)?(数)?$|^不同意公开", r"~申请|答复|办理结果|办理情况|部分公开|秘密|隐私", ("@denied",), "doc"),
    (r"^(告知)?无法提供", None, ("app_res_unable_total__total",), "doc"),
    (r"^不予处理$", None, ("app_res_not_processed_total__total",), "doc"),
    (r"^其他处理$", None, ("app_res_other_total__total",), "doc"),
    (r"国家秘密", None, ("app_res_denied_state_secret__total",), "doc"),
    (r"第三方合法权益", None, ("app_res_denied_third_party__total",), "doc"),
    (r"商业秘密", None, ("@trade_secret",), "doc"),
    (r"个人隐私", None, ("@privacy",), "doc"),
    (r"三安全一稳定|危及.*(国家安全|公共安全|经济安全|社会稳定)", None, ("app_res_denied_security_stability__total",), "doc"),
    (r"法律.*法规.*禁止", None, ("app_res_denied_law_prohibited__total",), "doc"),
    (r"内部事务", None, ("app_res_denied_internal_affairs__total",), "doc"),
    (r"过程性", None, ("app_res_denied_process_info__total",), "doc"),
    (r"行政执法案卷", None, ("app_res_denied_enforcement_file__total",), "doc"),
    (r"行政查询", None, ("app_res_denied_admin_query__total",), "doc"),
    (r"不属于本.{0,4}(机关|部门|单位)|非本.{0,4}(机关|部门|单位)|不属于(本|我)(局|厅|委|办|中心)", None, ("@not_this_agency",),
     "doc"),
    (r"不掌握", None, ("@not_this_agency",), "doc"),  # not held here: the same rows
    (r"信息不存在|不存在", None, ("@not_exist",), "doc"),
    (r"另行制作", None, ("app_res_unable_needs_creation__total",), "doc"),
    (r"(内容|申请)[^,，]{0,6}不明确", None, ("app_res_unable_unclear__total",), "doc"),
    (r"属于已(经)?主动公开|已(经)?主动公开(的)?范围|告知.*已(经)?主动公开", None, ("@already_public",), "doc"),
    (r"(不是|不属于|非).{0,8}所指.{0,4}政府信息|不属于政府信息", None, ("@not_gov_info",), "doc"),
    (r"告知.*其他途径|其他途径办理", None, ("@other_route",), "doc"),
    (r"更改补充|更改、补充", None, ("@amend",), "doc"),
    (r"重复申请", None, ("app_res_np_duplicate__total",), "doc"),
    (r"公开出版物", None, ("app_res_np_publication__total",), "doc"),
    (r"大量反复", None, ("app_res_np_mass_repeat__total",), "doc"),
    (r"确认或重新出具", None, ("app_res_np_confirm_reissue__total",), "doc"),
    (r"信访.{0,6}类|信访.*申请", None, ("app_res_np_petition__total",), "doc"),
    (r"逾期不补正|逾期未补正", None, ("app_res_other_no_correction__total",), "doc"),
    (r"逾期.{0,6}(缴纳|缴费)", None, ("app_res_other_fee_unpaid__total",), "doc"),
    # --- channels of requests (网络申请39件), and requests all sent one way (收到2份以信函形式提出的申请)
    *[(rf"{_NOT_REQUEST}.*({w}).{{0,2}}(申请|提出|提交|寄送|寄来|发送|递交)", None, (k,), "doc") for k, w in _CHANNELS],
    # a channel named alone in a part about requests (申请人当面递交、…和邮寄信函的分别为9件、31件和7件)
    *[(rf"^(以|通过|经)?(邮寄)?({w})(的)?(形式|方式)?$", r"^申请", (k,), "doc") for k, w in _CHANNELS],
    # the applicants (公民申请4件、企业申请1件; 未收到法人或其他组织的申请)
    (r"^(收到)?(公民|自然人)(个人)?(的)?(申请|提出)?(的)?(申请)?$", r"~申请", ("app_new_received__natural_person",), "doc"),
    (r"^(收到)?(商业)?企业(的)?(申请|提出)?(的)?$", r"~申请", ("app_new_received__commercial_enterprise",), "doc"),
    (r"^(收到)?法人(或|和)其他组织(的)?(申请|提出)?(的)?$", r"~申请", ("app_new_received__legal_person_subtotal",), "doc"),
    *[(r"申请", rf"<(以|通过)({w})(的)?(形式|方式|渠道)?(提出|提交|申请)", ("app_new_received__total", k), "doc")
      for k, w in _CHANNELS],
    # --- review and litigation before the requests: 收到…行政复议申请 is no disclosure request
    (r"维持.*复议|复议.*维持", None, ("review_total", "review_upheld"), "doc"),
    (r"行政复议|^复议", r"(均|全部|都)[^,，。；;\d]{0,6}(维持|驳回)", ("review_total", "review_upheld"), "doc"),
    (r"行政复议|^复议", None, ("review_total",), "doc"),
    # a proceeding named only before (被申请行政复议3件，其中1件【因政府信息公开申请引起】)
    (_CAUSED_BY_DISCLOSURE, _LAST_REVIEW, ("review_total",), "doc"),
    (_CAUSED_BY_DISCLOSURE, _LAST_SUIT, ("lit_all_total",), "doc"),
    (r"^(被)?(依法)?(纠错|纠正|撤销|变更|确认违法|责令(重新|限期))", _LAST_REVIEW, ("review_corrected",), "doc"),
    (r"^(维持|驳回)", _LAST_REVIEW, ("review_upheld",), "doc"),
    (r"^(申请人)?(主动)?撤回|^(终止|其他情形|其他结果)", _LAST_REVIEW, ("review_other",), "doc"),
    (r"^(被)?(依法)?(纠错|纠正|撤销|变更|确认违法)|判决撤销|^败诉", _LAST_SUIT, ("lit_all_corrected",), "doc"),
    (r"^(判决)?(维持|驳回)|^胜诉", _LAST_SUIT, ("lit_all_upheld",), "doc"),
    (r"^(原告)?(主动)?撤诉|^(申请人)?(主动)?撤回|^(终止|其他情形|其他结果)", _LAST_SUIT, ("lit_all_other",), "doc"),
    # a suit not yet decided (另有1件至年底尚在审理中); a review's pending count is an F19/F21 table cell only
    (r"(尚在|正在)审理|尚未审结|未审结|审理中", _LAST_SUIT, ("lit_all_pending",), "doc"),
    (r"(维持|驳回).*诉讼|诉讼.*(维持|驳回)", None, ("lit_all_total", "lit_all_upheld"), "doc"),
    (r"行政诉讼|^(提起|被提起)?诉讼|起诉", r"(均|全部|都)[^,，。；;\d]{0,6}(维持|驳回|胜诉)",
     ("lit_all_total", "lit_all_upheld"), "doc"),
    (r"行政诉讼|^(提起|被提起)?诉讼|^(被)?起诉", None, ("lit_all_total",), "doc"),
    (r"行政申诉|^申诉", None, ("appeal_total",), "doc"),
    # --- the flow of requests
    (r"结转|顺延|转入", r"<上(一)?年(度)?[^,，。]{0,6}(结转|转入)|去年[^,，。]{0,6}结转",
     ("app_carried_over_in__total",), "doc"),
    (r"结转|顺延|转入下|延续至下|留待下|下一?年度(继续)?(办理|答复|处理)", None, ("app_carried_forward__total",), "doc"),
    (r"按时(办结|答复|办理)|按期(办结|答复)|(法定|规定)的?(期限|时限|时间)内(办结|答复|予以答复|作出答复)", None,
     ("app_closed_on_time",), "doc"),
    (r"延期(办结|答复)|延长(答复|办理)?(期限|时限)", None, ("app_closed_extended",), "doc"),
    (r"办结|答复完毕|办理完毕|^(已|均已|全部)?(作出|给予)?(答复|回复)(申请|请求)?$", r"~申请|(答复|办理)情况", ("app_res_total__total",),
     "doc"),
    (r"(收到|受理|新收|接到).*(公开|信息).*申请|信息公开申请|依申请.*(公开|事项|申请)|申请公开", None,
     ("app_new_received__total",), "doc"),
    # --- fees (money only: 收费公开2条 is a kind of information)
    (r"收费通知", None, ("fee_proc_notices_count",), "doc"),
    (r"收费通知", None, ("fee_proc_notices_amount",), "money"),
    (r"^(?!.*行政事业性)(?=.*(收费|收取).*(减免|免费|免收))", r"~申请|信息公开|政府信息", ("@fee_collected", "fee_legacy_waived"),
     "money"),
    (r"^(?!.*行政事业性)(?=.*(减免|免收|免除))", r"~费", ("fee_legacy_waived",), "money"),  # 减免行政事业性收费: business
    (r"信息处理费", None, ("fee_proc_collected_amount",), "money"),
    (r"^(?!.*行政事业性)(?=.*(收费|收取.*费|费用))", r"~申请|信息公开|政府信息", ("@fee_collected",), "money"),
    # --- training on disclosure, then the organisation
    (rf"{_NOT_DISCLOSURE_TRAINING}.*(培训|参训|受训|轮训)", None, ("train_trainees",), "person"),
    (rf"{_NOT_DISCLOSURE_TRAINING}.*(培训|轮训)", None, ("train_courses",), "event"),
    (r"(信息公开|政务公开).*(会议|专题会|工作会|推进会|部署会|调度会|办公会)|(会议|专题会|工作会|办公会).*(信息公开|政务公开)",
     None, ("train_meetings",), "event"),
    (r"^(召开)?(专题会议|专题会|工作会议)$", r"信息公开|政务公开", ("train_meetings",), "event"),  # 三次召开【专题会议】，研究部署政务公开
    # 局务会【专题研究政府信息公开工作】3次; 局长办公会两次【研究部署…政务公开衔接工作】
    (r"专题研究.*(信息公开|政务公开)|^研究(部署)?.*(信息公开|政务公开)", None, ("train_meetings",), "event"),
    (r"^听取.*(信息公开|政务公开).*(汇报|报告)$", None, ("train_meetings",), "event"),  # 局党委会议三次【听取…工作汇报】
    (r"经费", r"<信息公开|政务公开", ("org_special_funding",), "money"),
    (r"专职", r"~信息公开|政务公开|公开工作|领导小组", ("org_staff_fulltime",), "person"),
    (r"兼职|兼任", r"~信息公开|政务公开|公开工作|领导小组", ("org_staff_parttime",), "person"),
    (r"(信息公开|政务公开).*(工作)?人员|工作人员", r"<信息公开|政务公开", ("org_staff_total",), "person"),
    (r"查阅(点|场所|室|中心|窗口)", None, ("org_reading_points",), "place"),
    (r"专门(工作)?机构", None, ("org_units",), "place"),
    # --- responses and interpretation
    (_OFFICIALS_ONLY, r"~(新闻发布|发布会)(?!.*在线访谈)", ("resp_press_conf_principal",), "event_person"),
    (_OFFICIALS_ONLY, r"~在线访谈(?!.*(新闻发布|发布会))", ("resp_online_interviews_principal",), "event_person"),
    (r"新闻发布|发布会", _PRINCIPAL, ("resp_press_conf_principal",), "event_person"),
    (r"新闻发布|发布会", None, ("resp_press_conf",), "event"),
    (r"在线访谈", _PRINCIPAL, ("resp_online_interviews_principal",), "event_person"),
    (r"在线访谈", None, ("resp_online_interviews",), "event"),
    (r"^(?!.*等.{0,3}信息$)(.*政策解读|.*发布.*解读|解读)", None, ("resp_policy_interpretations",), "doc"),
    (r"回应.*事件", r"<微博|微信", ("resp_social_media_responses",), "event"),
    # through accounts named only in quotes (借助“枫屿发布”和“枫屿政务”回应网上关注事件57次, 通过“枫港发布”“枫港政务”
    # 回应事件13次; a site is “…网”)
    (r"^回应.*事件", r"^^(其中|全年|同时)?(通过|借助|利用|依托)“[^”]{2,8}(?<![网台站])”([和、及与]?“[^”]{2,8}(?<![网台站])”)*回应",
     ("resp_social_media_responses",), "event"),
    # through the accounts alone (通过政务微博回应网民关切37次); 通过网站、微博等不同方式回应… is a hotspot count
    (r"^回应", r"^^(?!.*(网站|不同方式|多种|等方式|等渠道)).*(微博|微信|两微)", ("resp_social_media_responses",), "event"),
    (r"回应.*事件", r"<其他(方式|渠道|形式)", ("resp_other_responses",), "event"),
    (r"^其他(方式|渠道|形式)回应", None, ("resp_other_responses",), "event"),
    (r"热点|舆情|回应.{0,6}关切$", None, ("resp_hotspots",), "event"),
    (r"^(及时|积极)?回应$", r"^热点|舆情|关切", ("resp_hotspots",), "event"),  # 对…等热点问题【回应】5次
    (r"专栏访问量|(专栏|栏目).*(访问|点击|浏览)|页面访问量", None, ("pub_page_views",), "person"),
    # --- normative documents and rules (制发 is the F21 row, 本年新制作 the F19 one)
    (r"^(?!.*(现行有效|清理|废止)).*(制发|印发|出台|制定).*规范性文件", None, ("@normdocs_issued",), "doc"),
    (r"^(?!.*(现行有效|清理|废止)).*(制发|印发|出台|制定).*规章", None, ("@rules_issued",), "doc"),
    (r"^(行政)?规范性文件$", r"<(制发|印发|出台|制定)了?\d+件(行政)?规范性文件$", ("@normdocs_issued",), "doc"),  # 制发8件【规范性文件】
    (r"^(?!.*(现行有效|清理|废止))(主动)?(公开|发布)(了)?.{0,4}(行政)?规范性文件|^(行政)?规范性文件(类)?(公开|发布)$", None,
     ("pub_normdocs_published",), "doc"),
    # a kind in the breakdown of the information published (主动公开政府信息1356条，其中规范性文件28条)
    # or of a breakdown by kind (按类别分，…规范性文件6件; 政策法规类信息214条，其中规范性文件17件)
    (r"^(行政)?规范性文件(类)?(信息)?$", r"~主动公开|按(内容|类别|类型|信息类别)(分|统计|划分)|类信息", ("pub_normdocs_published",),
     "doc"),
    # the part of the documents made that was published (制发规范性文件11件，其中主动公开9件)
    # or all but some (印发规范性文件26件，除2件属于内部管理事项外，其余24件均已全文公开)
    (r"^(主动)?公开$", r"<规范性文件[^。；;]{0,10}其中", ("pub_normdocs_published",), "doc"),
    (r"^(主动|全文)?公开$", r"~规范性文件\d+件[，,]除[^。；;]{1,30}外[，,]其余", ("pub_normdocs_published",), "doc"),
    (r"全文电子化(的)?(信息|文件)?(数|条目)?$", None, ("pub_fulltext_electronic",), "doc"),
    # --- information published: new, cumulative, per channel, in all
    (r"新增.*信息", None, ("pub_items_new",), "doc"),
    (rf"{_ALL_INFO}|累计.*信息", r"<(历年|年底|年末|截至|截止|至今|目前|以来|自[^。;；]{2,16}起)[^。;；]{0,16}累计|累计[^,，。;；]{0,6}(至今|以来)",
     ("pub_items_cumulative",), "doc"),
    (r"电话.*咨询|咨询电话", None, ("consult_phone",), "consult"),
    (r"(网上|网络|在线|网站).*咨询", None, ("consult_online",), "consult"),
    (r"(现场|当面|来访|接待).*咨询", None, ("consult_onsite",), "consult"),
    (r"咨询", None, ("consult_total",), "consult"),
    (r"^(?!.*(来信|留言|咨询|建议|诉求|信访)).*(举报|投诉)", None, ("complaints_reports",), "doc"),
    # through several channels at once (通过门户网站、微信公众号和政务微博等渠道主动公开政府信息2136条): the total
    (_PUB_TOTAL, r"^^(?=.*(网站|门户|微信|微博|新媒体|公报|政报|专区|平台)).*(等|各类|多种|多个|多)(渠道|平台|方式|载体|途径)",
     ("pub_items_total",), "doc"),
    (_ALL_INFO, r"<微信", ("pub_via_weixin",), "doc"),
    (_ALL_INFO, r"<微博", ("pub_via_weibo",), "doc"),
    (r"^(发布|推送|编发)(了)?(微博|博文)$", r"<微博", ("pub_via_weibo",), "doc"),
    (rf"{_ALL_INFO}|刊登|刊发|刊载|登载", r"<公报|政报", ("pub_via_gazette",), "doc"),
    # a site by its name (“蒲汶人社网”…发布信息, “栖梧公安”政务网)
    (_ALL_INFO, r"<网站|官网|门户|网”|”(政务|政府)网", ("pub_via_website",), "doc"),
    (_ALL_INFO, r"<其他(方式|渠道|形式)", ("pub_via_other",), "doc"),
    (_PUB_TOTAL, None, ("pub_items_total",), "doc"),
    # --- rates (the only PERCENT the schema extracts; shares such as 占88.6% are not indicators)
    (r"电子化率", None, ("pub_fulltext_electronic_rate",), "percent"),
]
_COMPILED = [(re.compile(m), None if c is None else (c[0], re.compile(c[1:])) if c[0] in "<~^" else ("", re.compile(c)),
              keys, units)
             for m, c, keys, units in NARRATIVE_RULES]
_UNIT_CLASS = {"doc": {"条", "件", "篇", "份", "项", "个", "例", "起", "宗", ""},
               "event": {"次", "场", "期", "场次", "个", "起", "条", "篇", ""},
               "person": {"人", "人次", "名", "位", ""},
               "event_person": {"次", "场", "期", "场次", "人", "人次", "名", "位", ""},
               "consult": {"人次", "次", "人", "件", "个", ""},
               "money": {"元", ""},
               "place": {"个", "处", "间", "家", ""},
               "percent": {"%"}}
_HOTLINE = re.compile(r"123\d\d|热线")
_NOT_FROM_HOTLINE = frozenset({"consult_total", "complaints_reports"})
_NOT_DISCLOSURE = re.compile(r"没有因政府信息公开|无因政府信息公开|不涉及政府信息公开|非因政府信息公开|"
                             r"与政府信息公开[^，,。；;]{0,6}无关|不属于政府信息公开")
# the proceedings a report may count on all matters first (我局共被申请行政复议4件，其中因政府信息公开…1件)
_PROCEEDINGS = ("review_", "lit_", "appeal_")
# a sentence whose subject is the body's subordinate units (同期，各省属医院共受理…申请213件; 医院依申请…收取复印费;
# 全市七个分局共受理…): its figures are theirs, the keys the body's own (GUIDELINES changelog 2026-12-04, fourth batch).
# Not when they are named with the body (委机关和8个直属单位共有…人员21人; 培训厅机关和直属单位干部85人). Also a
# sentence that picks one of them out of a list of them (各乡镇和县直部门中，仅县国土资源局收取复制费56元)
_SUBORDINATE = re.compile(r"\s*(同期|全年|此外|另外|据汇总)?[，,]?(全市|全省|全县|全区)?(?:(各|[一二三四五六七八九十\d]+个)?"
                          r"(省属|市属|县属|区属)?(医院|学校|中小学|分局|派出所)(?![和及、])|各[^，,。；;\n]{1,20}中[，,]仅)")
# the parts of one figure after 分别 (参训人员分别为135人次和98人次，共计233人次): no part is the figure
_RESPECTIVELY = re.compile(r"分别[^，,；;。\n]*$")
_CLAUSE = re.compile(r"[。；;\n]")
# a frequency of practice, not a total of the year (日均发布信息3条以上，全年发布信息800多条)
_RATE = re.compile(r"日均|每日|每天|每周|每月|月均|周均|平均每")
# the months before the 《条例》 took effect (2008-05-01), in a report on 2008: not the period reported on
_BEFORE_THE_RULES = re.compile(r"《条例》(正式)?(施行|实施)(之)?前")
# last year's figure (由上年的19件增加到26件; 上年同期为85条): no key (GUIDELINES changelog 2026-12-04, fourth batch)
_PRIOR_YEAR = re.compile(r"(上年|去年|上一年|上年度)(同期)?(分别)?(的|为|是)$")
_LEGACY = {"L08", "N14", "TXT", None}
# "@" keys: {era: key}; the "legacy" entry serves L08, N14 and an unknown era; None maps to nothing
_ERA_KEYS: dict[str, dict[str | None, str | None]] = {
    "@denied": {"F19": "app_res_denied_total__total", "F21": "app_res_denied_total__total",
                "legacy": "app_legacy_denied_total"},
    "@not_this_agency": {"F19": "app_res_unable_not_held__total", "F21": "app_res_unable_not_held__total",
                         "legacy": "app_legacy_not_this_agency"},
    "@not_exist": {"F19": "app_res_unable_not_held__total", "F21": "app_res_unable_not_held__total",
                   "legacy": "app_legacy_info_not_exist"},
    "@trade_secret": {"legacy": "app_legacy_denied_trade_secret"},  # F19/F21: a part of 第三方合法权益
    "@privacy": {"legacy": "app_legacy_denied_privacy"},
    "@already_public": {"legacy": "app_legacy_already_public"},  # F19/F21: counted inside 予以公开
    "@not_gov_info": {"legacy": "app_legacy_not_gov_info"},
    "@other_route": {"legacy": "app_legacy_notify_other_route"},
    "@amend": {"legacy": "app_legacy_notify_amend"},
    "@normdocs_issued": {"F21": "t2_normdocs_issued", "F19": "t2_normdocs_new_made", "legacy": "pub_normdocs_issued"},
    "@rules_issued": {"F21": "t2_rules_issued", "F19": "t2_rules_new_made"},
    # 信息处理费 from 2021 (国办函〔2020〕109号); the legacy fee before
    "@fee_collected": {"F21": "fee_proc_collected_amount", "F19": "fee_legacy_collected",
                       "legacy": "fee_legacy_collected"},
}


def _era_key(key: str, era: str | None) -> str | None:
    if not key.startswith("@"):
        return key
    table = _ERA_KEYS[key]
    return table.get(era) if era in table else table.get("legacy") if era in _LEGACY else None


def _clause(text: str, start: int, end: int) -> str:
    # the last break before ``start`` (rfind, not a scan from 0: that made long reports quadratic)
    m = _CLAUSE.search(text, end)
    return text[clause_start(text, start):m.start() if m else len(text)]


# a phrase's leading word that names no indicator (其中规范性文件公开 is 规范性文件公开): the rules
# anchored at the start (^部分公开$) would miss it
_LEAD = re.compile(rf"^({LEAD.pattern})")


def _keys_for(metric: str, clause: str, before: str, near: str, unit: str, era: str | None,
              numeric: bool = True, part: str | None = None) -> tuple[str, ...]:
    metric = metric.replace("\n", "")  # a phrase a line break cuts (主动公开政府\n信息)
    metric = _LEAD.sub("", metric) or metric
    for mp, ctx, keys, units in _COMPILED:
        if not mp.search(metric) or (units is not None and unit not in _UNIT_CLASS[units]):
            continue
        if (unit == "%") != (units == "percent"):
            continue  # a rate only for a rate key, and a rate key only from a rate
        if ctx is not None and not ctx[1].search({"<": before, "~": near, "^": clause if part is None else part,
                                                  "": clause}[ctx[0]]):
            continue
        if keys[0].startswith("consult_") and era != "L08":
            continue  # the consultation figures are an L08 (2008-2013) item of the schema
        # the era decides between the F19/F21 row and the legacy one (不予公开: the derived subtotal
        # app_res_denied_total__total, or app_legacy_denied_total before 2019); the checks below see the era's keys
        keys = tuple(k for k in (_era_key(k, era) for k in keys) if k)
        if numeric and any(k.startswith(("review_", "lit_", "appeal_", "complaints_", "fee_")) for k in keys) and \
                _NOT_DISCLOSURE.search(clause):
            return ()
        if _NOT_FROM_HOTLINE.intersection(keys) and _HOTLINE.search(clause):
            return ()  # 12345 / 12333 hotline consultations and complaints are not disclosure ones
        kept = tuple(k for k in keys if prose_key_in_era(k, era))
        if keys and not kept:
            continue  # no key of the era: the next rule's may be (回应…关切 through 微信 in F21: a hotspot count)
        return kept
    return ()


# keys of a pre-2019 table that prose states in any era (GUIDELINES changelog: 网站 / 微信 / 微博 发布信息N条;
# 制发规范性文件N件，均已…主动公开)
_ANY_ERA = frozenset({"pub_via_website", "pub_via_weixin", "pub_via_weibo", "pub_normdocs_published"})


def prose_key_in_era(key: str, era: str | None) -> bool:
    """Whether prose of a report carrying the F19/F21 table states ``key``: the schema lists that era or
    TXT for it (org_staff_*, train_meetings, pub_page_views are N14/L08 rows; GUIDELINES changelog
    2026-12-03). Reports of other eras take every key.

    >>> [prose_key_in_era(k, "F21") for k in ("org_staff_total", "resp_press_conf", "pub_via_weixin", "app_ch_online")]
    [False, True, True, True]
    >>> prose_key_in_era("org_staff_total", "N14")
    True
    """
    if era not in ("F19", "F21") or key in _ANY_ERA:
        return True
    schema = load_schema()
    if not schema.is_key(key):
        return False
    eras = schema.lookup(key)[0].eras
    return era in eras or "TXT" in eras


def map_narrative(norm: Normalized, entities: list[Entity], relations: list[Relation],
                  era: str | None) -> list[IndicatorValue]:
    """Returns indicator values stated in prose (value_of relations and zero statements)."""
    schema = load_schema()
    text = norm.text
    by_id = {e.id: e for e in entities}
    out: list[IndicatorValue] = []
    seen: set[str] = set()
    linked_metrics = set()
    mapped: set[str] = set()  # the numbers that gave a value
    # the proceeding keys whose value a clause gave that does not say 信息公开: a figure on all matters, which a
    # later figure or zero statement of disclosure proceedings replaces
    all_matters: set[str] = set()
    numbers_of = Counter(r.tail for r in relations if r.label == "value_of")  # the numbers each METRIC measures

    def replaces(key: str, where: str) -> bool:
        """Whether a statement in ``where`` (its part of a sentence) replaces the value ``key`` has: one on
        disclosure proceedings replaces a figure on all matters."""
        return key in all_matters and "信息公开" in where

    def drop(key: str) -> None:
        out[:] = [v for v in out if v.key != key]
        seen.discard(key)

    def nspan(e: Entity) -> tuple[int, int]:
        return norm.to_normalized(e.start, e.end)

    def add_zero(key: str, start: int, end: int, confidence: float) -> None:
        """A reported zero under ``key`` with the original ``[start, end)`` as evidence, unless the key has a value."""
        if not schema.is_key(key) or (key in seen and not replaces(key, _clause(norm.text, *norm.to_normalized(start, end)))):
            return
        drop(key)
        all_matters.discard(key)
        seen.add(key)
        out.append(IndicatorValue(key=key, value=0, unit=schema.unit(key), status="reported_zero", qualifier="exact",
                                  raw=norm.original[start:end], source=Source(kind="text", start=start, end=end),
                                  era="TXT", confidence=confidence))

    def add_statement(key: str, value: float, start: int, end: int, confidence: float) -> None:
        """A value no number states (均按时答复: the requests received), the statement at the original
        ``[start, end)`` as evidence, unless the key has a value."""
        if key in seen or not schema.is_key(key):
            return
        seen.add(key)
        out.append(IndicatorValue(key=key, value=value, unit=schema.unit(key),
                                  status="reported_zero" if value == 0 else "reported", qualifier="exact",
                                  raw=norm.original[start:end], source=Source(kind="text", start=start, end=end),
                                  era="TXT", confidence=confidence))

    def add(key: str, h: Entity, q: Any, confidence: float, part: str = "") -> None:
        """The value of number ``h`` (its quantity ``q``, stated in the part of a sentence ``part``) under
        ``key``, unless the key has one; an exact figure replaces a rounded one stated before it (近7000条 in
        the overview, 6,830条 in the section), and a figure of disclosure proceedings one of all matters."""
        if not schema.is_key(key):
            return
        if key in seen and not replaces(key, part):
            k = next((k for k, v in enumerate(out) if v.key == key), None)
            if k is None or out[k].qualifier == "exact" or q.qualifier != "exact" or out[k].status == "reported_zero":
                return
        drop(key)
        if key.startswith(_PROCEEDINGS) and "信息公开" not in part:
            all_matters.add(key)
        else:
            all_matters.discard(key)
        unit = schema.unit(key)
        value = to_unit(q.value, q.unit, unit) if q.unit == "元" else q.value
        seen.add(key)
        mapped.add(h.id)
        out.append(IndicatorValue(key=key, value=value, unit=unit, status="reported_zero" if value == 0 else "reported",
                                  qualifier=q.qualifier, raw=h.text,
                                  source=Source(kind="text", start=h.start, end=h.end), era="TXT",
                                  confidence=confidence, multiplier=q.multiplier, raw_unit=q.raw_unit or None))

    for r in sorted(relations, key=lambda r: by_id[r.head].start):
        if r.label != "value_of":
            continue
        h, m = by_id[r.head], by_id[r.tail]
        linked_metrics.add(m.id)
        q = parse_quantity(h.text)
        if q is None or (h.label == "PERCENT") != (q.unit == "%"):
            continue  # a PERCENT maps only to a rate key (_keys_for), never as a count
        hs, he = nspan(h)
        ms, me = nspan(m)
        metric = text[ms:me]
        clause = _clause(text, min(hs, ms), max(he, me))
        # a frequency (日均发布信息3条) in the part of the sentence that holds the number and its phrase
        part_start = max(text.rfind(c, 0, min(hs, ms)) for c in ",，;；。\n") + 1
        part = text[part_start:max(he, me)]
        clause_at = clause_start(text, min(hs, ms))
        if _RATE.search(part) or (numbers_of[m.id] > 1 and _RESPECTIVELY.search(text, part_start, hs)) or \
                _SUBORDINATE.match(text, clause_at) or _PRIOR_YEAR.search(text, part_start, hs) or \
                _BEFORE_THE_RULES.search(text, clause_at, min(hs, ms)):
            continue
        # the channel a figure is reported under stands right before it (政务微博。2016年发布信息300条)
        before = text[max(text.rfind("\n", 0, min(hs, ms)) + 1, min(hs, ms) - 24):max(he, me)]
        near = text[max(0, min(hs, ms) - 60):max(he, me)]
        keys = _keys_for(metric, clause, before, near, q.unit, era, part=part)
        if "app_new_received__total" in keys:
            keys = keys + _implied_by_received(text, max(he, me))
        if any(k.endswith("_principal") for k in keys) and _SUBSET_OF_PRINCIPAL.match(text, max(he, me)):
            # 领导参加在线访谈2次，其中主要负责同志参加1次: the first figure is the total
            keys = tuple(k.removesuffix("_principal") for k in keys)
        if q.value:
            # the words before the phrase: its part of the sentence, or the whole clause when that holds
            # no other number (因涉及商业秘密且第三方不同意公开，不予公开1件)
            lead = ""
            if ms < hs:
                whole = _LIST_MARK.sub("", text[clause_start(text, ms):ms])
                lead = text[part_start:ms] if re.search(r"\d", whole) else whole
            keys = keys + _implied_by_number(keys, lead, text, max(he, me))
        for key in keys:
            add(key, h, q, round(0.9 * r.score, 4), part)
    # requests all answered (on time) in a later statement of the section with no number of its own
    # (上述申请均在法定期限内予以答复): the number answered, else the number received
    received = next((v for v in out if v.key == "app_new_received__total" and v.source.kind == "text"), None)
    if received is not None:
        end = norm.to_normalized(received.source.start, received.source.end)[1]
        # 本年受理的申请均为公民个人提出, later in the section: every request came from a natural person
        persons = _later_statement(text, end, _ALL_PERSONS_LATER)
        if persons is not None:
            add_statement("app_new_received__natural_person", received.value, *norm.to_original(*persons), 0.5)
        done = _answered_later(text, end)
        if done is not None:
            answered = next((v for v in out if v.key == "app_res_total__total"), None)
            value = received.value if answered is None else answered.value
            for key in ("app_res_total__total",) + (("app_closed_on_time",) if done[1] else ()):
                if key not in seen:
                    add_statement(key, value, *norm.to_original(*done[0]), 0.5)
    # answered on time in a later statement of the section of the number answered (全年办结申请58件。…已办结申请全部在
    # 法定期限内答复)
    answered = next((v for v in out if v.key == "app_res_total__total"), None)
    if answered is not None and "app_closed_on_time" not in seen:
        done = _answered_later(text, norm.to_normalized(answered.source.start, answered.source.end)[1])
        if done is not None and done[1]:
            add_statement("app_closed_on_time", answered.value, *norm.to_original(*done[0]), 0.5)
    # money spent on the work, with no phrase that maps (安排8万元用于政务公开平台建设)
    for h in entities:
        if h.label != "MONEY" or h.id in mapped:
            continue
        hs, he = nspan(h)
        q = parse_quantity(h.text)
        if q is not None and q.unit == "元" and _SPENT.search(text[max(0, hs - 10):hs]) and _SPENT_ON.match(text, he):
            add("org_special_funding", h, q, 0.5)
    for m in entities:
        if m.label != "METRIC" or m.id in linked_metrics:
            continue
        ms, me = nspan(m)
        clause = _clause(text, ms, me)
        before = text[max(0, ms - 30):ms]
        before = before[max((i + 1 for i, c in enumerate(before) if c in "。；;\n"), default=0):]
        if not NEGATION.search(before + text[ms:me]) and not _IS_ZERO.match(text, me):
            continue
        for key in _keys_for(text[ms:me], clause, clause, text[max(0, ms - 60):me], "", era, numeric=False):
            add_zero(key, m.start, m.end, round(0.8 * m.score, 4))
    # zero statements no METRIC stands for (a phrase the model missed): the rest of a clause without a
    # number after its negation, whole and conjunct by conjunct, for the keys prose states as zero
    numbers = sorted(nspan(e)[0] for e in entities if e.label in NUMBERS)
    for cs, ce in _pieces(text, _UNIT_BREAK):
        cue = _ZERO_CUE.search(text, cs, ce)
        k = bisect.bisect_left(numbers, cs)
        if cue is None or (k < len(numbers) and numbers[k] < ce):
            continue
        clause, o = text[cs:ce], cue.end()
        conjuncts = _pieces(text[o:ce], _COORDINATOR)
        for ps, pe in [(o, ce)] + ([(o + a, o + b) for a, b in conjuncts] if len(conjuncts) > 1 else []):
            if pe - ps < 2:
                continue
            for key in _keys_for(text[ps:pe], clause, clause, text[max(0, ps - 60):pe], "", era, numeric=False):
                if key in ZERO_KEYS:
                    add_zero(key, *norm.to_original(ps, pe), 0.4)
    return out


# the keys prose states as zero (未收到…申请, 没有发生行政复议, 未收取任何费用), and the negations that state them
ZERO_KEYS = frozenset({"app_new_received__total", "review_total", "lit_all_total", "appeal_total", "complaints_reports",
                       "fee_legacy_collected", "fee_legacy_waived", "fee_proc_collected_amount"})
# a phrase said to be zero (政府信息公开方面的【举报投诉】为零)
_IS_ZERO = re.compile(r"(的)?(数|数量|件数|总数)?(均|都|仍)?(为|是)(零|0|〇)(?![.\d])"
                      r"|[、和及与][^，,。；;\d]{1,12}?(均|都)(为|是)(零|0|〇)(?![.\d])")  # 传真申请、电子邮件申请均为零
_ZERO_CUE = re.compile(r"未(?!来|能|经)|没有|无(?!论|法|缝|需|须)|不(?=收)")
_UNIT_BREAK = re.compile(f"[{re.escape(STOPS)}]")  # the METRIC ranker's clause breaks
_COORDINATOR = re.compile(f"[{COORDINATORS}]")


def _pieces(s: str, breaks: re.Pattern) -> list[tuple[int, int]]:
    """The [start, end) of the non-empty pieces of ``s`` between the characters ``breaks`` matches."""
    bounds = [-1, *(m.start() for m in breaks.finditer(s)), len(s)]
    return [(a + 1, b) for a, b in zip(bounds, bounds[1:]) if b > a + 1]


_SPENT = re.compile(r"(投入|安排|拨付|落实|下拨)[^，,。；;\d]{0,6}$")
_SPENT_ON = re.compile(r"[，,]?[^，,。；;]{0,4}用于[^，,。；;]{0,12}(信息公开|政务公开)")
_ON_TIME = re.compile(r"按时|及时|按期|期限内|规定的?时间内|时限内|规定时限")
_ALL_ARE_PERSONS = r"(均|全部|都)(为|是|系|由)(公民|自然人)"
_ALL_PERSONS = re.compile(r"(^[，,]?|申请人)" + _ALL_ARE_PERSONS)  # right after the number received
_ALL_PERSONS_LATER = re.compile(r"申请人?" + _ALL_ARE_PERSONS)  # in a later sentence (本年受理的申请均为公民个人提出)
_LIST_MARK = re.compile(r"^\s*[0-9一二三四五六七八九十]+[.．、)）]")  # 2.因涉及…: a list item's number
_ALL_DONE = re.compile(r"(均|全部|都|已)[^，,。；;]{0,20}(答复|办结|回复|予以了?回复|办理完毕)")


# (key of a number, the rest of its sentence or the words right before its phrase, the key it also
# gives): statements with no number of their own about the number (行政复议1件，…维持原具体行政行为;
# 从事政府信息公开工作人员6名，均为兼职; 不同意公开2件（均涉及个人隐私）)
_IMPLIED = [(key, re.compile(p), also) for key, p, also in (
    ("review_total", r"维持|驳回", "review_upheld"),
    ("lit_all_total", r"维持|驳回|胜诉", "lit_all_upheld"),
    ("org_staff_total", r"(均|全部|都)(为|是)兼职", "org_staff_parttime"),
    ("org_staff_total", r"(均|全部|都)(为|是)专职", "org_staff_fulltime"),
    ("pub_normdocs_issued", r"(均|全部|都)[^，,。；;]{0,24}公开", "pub_normdocs_published"),
    ("app_res_total__total", r"(均|全部|都)[^，,。；;]{0,6}(法定|规定)的?(期限|时限|时间)内|(均|全部|都)(按时|按期|及时)|"
                             r"(按时|及时|按期)(答复|办结)率[^，,。；;]{0,3}(100%|百分之百)", "app_closed_on_time"),
    ("app_legacy_denied_total", r"个人隐私", "app_legacy_denied_privacy"),
    ("app_legacy_denied_total", r"商业秘密", "app_legacy_denied_trade_secret"),
)]
# the same, later in the paragraph of a review or a suit, in sentences with no number but a date (申请行政复议1件。
# 省人民政府经审查…于2017年10月作出复议决定，维持我厅原答复)
_IMPLIED_LATER = [(key, re.compile(p), also) for key, p, also in (
    ("review_total", r"复议[^。；;]*(维持|驳回)", "review_upheld"),
    ("lit_all_total", r"(判决|法院|诉讼)[^。；;]*(维持|驳回|胜诉)", "lit_all_upheld"),
)]
_DATE_WORDS = re.compile(r"\d+\s*(年|月|日)")
_SUBSET_OF_PRINCIPAL = re.compile(r"[^。；;\n]{0,6}其中[^。；;\n\d]{0,6}(主要负责|主要领导)")
_DURATION = re.compile(r"\d+个?(工作日|日|天|小时)")
_PRIOR_YEAR_NOTE = re.compile(r"[（(](上年|去年|上一年|上年度)(同期)?[^（()）]{0,16}[）)]")


def _states_number(s: str, dates: bool = False) -> bool:
    """Whether ``s`` holds a number other than a duration (15个工作日), 100% (按时办结率100%), last year's
    figure in brackets (（上年为2件）) and, with ``dates``, a date (2017年10月)."""
    s = _DURATION.sub("", _PRIOR_YEAR_NOTE.sub("", s.replace("100%", "")))
    return bool(re.search(r"\d", _DATE_WORDS.sub("", s) if dates else s))


def _rests(text: str, pos: int) -> list[str]:
    """The rest of the clause and of the sentence after ``pos`` that hold no number (a duration or a date
    aside: …1件，…县人民政府于9月作出复议决定，维持我委原答复)."""
    out = []
    for stops in (r"[，,。；;\n]", r"[。；;\n]"):
        after = text[pos:pos + 80]
        end = re.search(stops, after[1:])  # the comma right after the number opens the next clause
        after = after[:end.start() + 1 if end else len(after)]
        if not _states_number(after, dates=True):
            out.append(after)
    return out


def _implied_by_number(keys: tuple[str, ...], lead: str, text: str, pos: int) -> tuple[str, ...]:
    """The keys the statements around a number (``lead``: the words before its phrase; the rest of the
    sentence after ``pos``) give the same value (_IMPLIED)."""
    if not keys:
        return ()
    parts = [lead, *_rests(text, pos)]
    out = tuple(also for key, p, also in _IMPLIED if key in keys and any(p.search(x) for x in parts))
    later = [(p, also) for key, p, also in _IMPLIED_LATER if key in keys and also not in out]
    if later:
        end = text.find("\n", pos)
        paragraph = text[pos:end if end >= 0 else len(text)][:300]
        if not _states_number(paragraph, dates=True):
            out += tuple(also for p, also in later if p.search(paragraph))
    return out


_SECTION_HEAD = re.compile(r"\n\s*([一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[)）])")
_ANSWERED = re.compile(r"(^|申请|上述|以上|所有)[^，,。；;]{0,6}(均|全部|都|一律)[^，,。；;]{0,20}(答复|办结|回复|办理完毕)"
                       r"(?!书|中|函|单|意见)"  # not the reply letter (均在答复书中说明理由)
                       r"|(按时|及时|按期)(答复|办结)率[^，,。；;]{0,3}(100%|百分之百)")


def _later_statement(text: str, pos: int, pattern: re.Pattern) -> tuple[int, int] | None:
    """The span of the first clause after ``pos``, in its section, that ``pattern`` finds and that holds
    no number; None when there is none."""
    m = _SECTION_HEAD.search(text, pos)
    stop = min(m.start() if m else len(text), pos + 600)
    for piece in re.finditer(r"[^，,。；;\n]+", text[pos:stop]):
        clause = piece.group(0).strip()
        if not _states_number(clause) and pattern.search(clause):
            s = pos + piece.start() + piece.group(0).index(clause)
            return s, s + len(clause)
    return None


def _answered_later(text: str, pos: int) -> tuple[tuple[int, int], bool] | None:
    """The statement after ``pos``, in its section, that every request was answered (上述申请均在法定期限内
    予以答复; 按时答复率100%): its span and whether it says on time; None when there is none."""
    span = _later_statement(text, pos, _ANSWERED)
    return None if span is None else (span, bool(_ON_TIME.search(text, *span)))


def _implied_by_received(text: str, pos: int) -> tuple[str, ...]:
    """Statements with no number of their own after a received count (已按时答复办结; 申请人均为公民):
    the same value."""
    after = text[pos:pos + 60]
    # the rest of the sentence only: a date in the next one (2018年) is no number of this statement
    end = re.search(r"[。；;\n]", after)
    after = after[:end.end() if end else len(after)]
    if re.search(r"\d", after):
        return ()
    out = ("app_new_received__natural_person",) if _ALL_PERSONS.search(after) else ()
    if _ALL_DONE.search(after):
        out += ("app_res_total__total", "app_closed_on_time") if _ON_TIME.search(after) else ("app_res_total__total",)
    return out


# ---------------------------------------------------------------------- report fields
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_CN_DIGITS = {"〇": "0", "○": "0", "O": "0", "零": "0", "一": "1", "二": "2", "三": "3", "四": "4", "五": "5",
              "六": "6", "七": "7", "八": "8", "九": "9"}


def _cn_int(s: str) -> int | None:
    if not s:
        return None
    if all(c in _CN_DIGITS for c in s) and len(s) == 4:
        return int("".join(_CN_DIGITS[c] for c in s))
    from .schema.numbers import parse_chinese_numeral

    return parse_chinese_numeral(s)


_FULL_DATE = re.compile(r"((?:19|20)\d{2}|[〇○O零一二三四五六七八九]{4})\s*[年\-/.]\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*[月\-/.]\s*"
                        r"(\d{1,2}|[一二三四五六七八九十]{1,3})\s*日?")
_TITLE_END = re.compile(r"(?:(?:政府)?信息公开|政务公开)[^\n]{0,12}(?:年度报告|工作报告|报告|总结)")
# a web page's navigation trail (首页 > 政府信息公开 > … > 年度报告) names the section, not the report
_BREADCRUMB = re.compile(r"\s[>›»]\s|^\s*(?:首页|当前位置|您的位置|您现在的位置)")


def _date_iso(m: re.Match) -> str | None:
    y = int(m.group(1)) if m.group(1).isdigit() else _cn_int(m.group(1))
    mo = int(m.group(2)) if m.group(2).isdigit() else _cn_int(m.group(2))
    d = int(m.group(3)) if m.group(3).isdigit() else _cn_int(m.group(3))
    if not (y and mo and d) or not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


_AGENCY_TAIL = re.compile(r"(局|厅|委员会|委|办公室|办|人民政府|政府|中心|管委会|院|署|会)$")


def _agency_fallback(text: str) -> tuple[int, int] | None:
    """Returns the span of the agency from page metadata (发布机构 / 来源) or the signature block."""
    m = re.search(r"(?:发布机构|来源)\s*[|:：]\s*([\u4e00-\u9fff()]{2,40})", text[:2000])
    if m and _AGENCY_TAIL.search(m.group(1)):
        return m.span(1)
    lines = text.split("\n")
    pos = len(text)
    checked = 0
    for line in reversed(lines):
        pos -= len(line) + 1
        stripped = line.strip()
        if not stripped:
            continue
        checked += 1
        if checked > 8:
            break
        if re.search(r"(?i)copyright|©|版权|备案|ICP|主办|承办|技术支持|网站标识|地址|电话", stripped):
            continue
        if len(stripped) <= 30 and not re.search(r"[，。,;；:：\s]", stripped) and _AGENCY_TAIL.search(stripped):
            s = pos + 1 + line.index(stripped)
            return s, s + len(stripped)
    return None


def report_fields(norm: Normalized, entities: list[Entity], era: str | None) -> ReportMeta:
    """Returns agency, year, publication date, format, era and script of a report."""
    text, orig = norm.text, norm.original
    lines = text.split("\n")
    # the title: the first line (of the first 12) that names a disclosure report
    title_idx, title = None, ""
    for i, line in enumerate(lines[:30]):
        if _TITLE_END.search(line) and len(line) < 80 and not line.startswith(("索引号", "根据", "本报告", "现向")) \
                and "《" not in line[:3] and not _BREADCRUMB.search(line):
            title_idx, title = i, line
            break
    year = None
    agency_n: tuple[int, int] | None = None
    if title_idx is not None and title_idx > 0 and _TITLE_END.match(title.strip()):
        # a title broken over two lines: "某某局2013年" / "信息公开年度报告"
        prev = lines[title_idx - 1]
        if prev.strip() and len(prev) <= 40 and not re.search(r"[，。；:：]", prev):
            title_idx -= 1
            title = prev + "\n" + title
    if title_idx is not None:
        off = sum(len(x) + 1 for x in lines[:title_idx])
        ym = _YEAR.search(title)
        if ym:
            year = int(ym.group(1))
        head = title[:ym.start()] if ym else title[:_TITLE_END.search(title).start()]
        head = head.strip(" 《\n")
        if head:
            s = off + title.index(head)
            agency_n = (s, s + len(head))
        elif ym:
            # "2017年高港区住建局信息公开年度报告" or the agency on the line before the title
            rest = title[ym.end():]
            rest = re.sub(r"^度", "", rest)
            te = _TITLE_END.search(rest)
            name = rest[:te.start()].strip() if te else ""
            if name:
                s = off + ym.end() + rest.index(name)
                agency_n = (s, s + len(name))
            elif title_idx > 0 and lines[title_idx - 1].strip():
                prev = lines[title_idx - 1].strip()
                s = off - len(lines[title_idx - 1]) - 1 + lines[title_idx - 1].index(prev)
                agency_n = (s, s + len(prev))
    if agency_n is None:
        agency_n = _agency_fallback(text)
    if agency_n is not None:
        # prefer a fuller name the report gives itself ("由泰州市高港区住房和城乡建设局编制")
        short = text[agency_n[0]:agency_n[1]]
        for m in re.finditer(r"由([\u4e00-\u9fff()]{2,40}?)(?:负责)?编制", text):
            if m.group(1).endswith(short) and len(m.group(1)) > len(short):
                agency_n = m.span(1)
                break
    if year is None:
        m = re.search(r"统计期限[^。\n]{0,6}?((?:19|20)\d{2})\s*年", text)
        year = int(m.group(1)) if m else None
    published = None
    tail = text[-400:]
    for m in _FULL_DATE.finditer(tail):
        published = _date_iso(m) or published
    if published is None:
        m = re.search(r"(?:发文日期|发布日期|发布时间|成文日期)\s*[|:：]?\s*((?:19|20)\d{2})[-/.年](\d{1,2})[-/.月](\d{1,2})",
                      text[:1500])
        if m:
            published = f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
    if published and year and not (year < int(published[:4]) <= year + 1):
        published = None
    fmt = _ERA_FORMAT.get(era or "", "narrative")
    doc_era = era or ("L08" if year and year <= 2013 else "N14" if year and year <= 2018 else
                      "F19" if year and year <= 2020 else "F21" if year else None)
    agency = span = None
    if agency_n is not None:
        span = norm.to_original(*agency_n)
        agency = orig[span[0]:span[1]]
    return ReportMeta(agency=agency, year=year, published=published, format=fmt, era=doc_era,
                      script=script_of(orig), agency_span=span)


# ---------------------------------------------------------------------- assembly
def build_document(norm: Normalized, entities: list[Entity], nlp: "Pipeline | Any") -> Document:
    """Returns the Document of one normalized text and its (original-coordinate) entities."""
    from .checks import run_checks

    relations: list[Relation] = []
    if getattr(nlp, "relations", None) is not None and entities:
        # the relation model reads the normalized text, as the tagger does: its character n-grams and
        # table test must not depend on the script or width of the original (a traditional copy of a
        # report got other relations, hence other indicators, than the simplified one)
        relations = nlp.relations.predict(normalized_view(norm, entities))
    table_values, table_era = read_tables(norm)
    meta = report_fields(norm, entities, table_era)
    schema = load_schema()
    indicators: dict[str, IndicatorValue] = {}
    for v in table_values:
        if schema.is_key(v.key):
            indicators[v.key] = _with_unit(v, schema)
    for v in map_narrative(norm, entities, relations, meta.era):
        cur = indicators.get(v.key)
        # a table value wins; a run-together cell the identities cannot split (unresolved, no value)
        # leaves the key to the prose that states it (GUIDELINES: run-together rows)
        if cur is None or (cur.value is None and cur.status == "unresolved"):
            indicators[v.key] = v
    checks = tuple(run_checks(indicators, meta.era, meta=meta)) if indicators else ()
    return Document(text=norm.original, entities=tuple(entities), relations=tuple(relations),
                    indicators=indicators, meta=meta, checks=checks)


def normalized_view(norm: Normalized, entities: Sequence[Entity],
                    relations: Sequence[Relation] = ()) -> Document:
    """Returns a Document over the normalized text with the same entities (ids kept), in its coordinates.

    What the relation model reads, in training (gold documents) and at inference alike.
    """
    from dataclasses import replace

    ents = []
    for e in entities:
        s, t = norm.to_normalized(e.start, e.end)  # never empty: entities come from normalized spans
        ents.append(replace(e, start=s, end=t, text=norm.text[s:t]))
    return Document(text=norm.text, entities=tuple(ents), relations=tuple(relations))


def _with_unit(v: IndicatorValue, schema) -> IndicatorValue:
    from dataclasses import replace

    return replace(v, unit=schema.unit(v.key)) if not v.unit else v


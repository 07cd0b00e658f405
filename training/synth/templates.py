"""Sentence templates of synthetic reports (written for this project; see writer.py for the syntax).

Every template is the project's own wording built from stock phrases of the genre;
none is copied from a corpus document.
"""

from __future__ import annotations

# Filler clauses: no entities, no numbers. {FILL} in a template draws one sentence.
FILL = [
    "{坚持|始终坚持|严格落实}“{公开为常态、不公开为例外|谁公开、谁审查、谁负责|先审查、后公开}”{原则|的要求}，"
    "{进一步|不断|持续}{规范|健全|完善}{信息发布审核机制|政府信息公开工作制度|公开目录和公开指南|依申请公开办理流程}。",
    "{围绕|紧扣}{中心工作|年度重点任务|群众关注关切}，{不断|持续|进一步}{拓展公开渠道|丰富公开形式|深化公开内容}，"
    "{切实保障人民群众的知情权、参与权、表达权和监督权|不断提升政府工作透明度|推动政务公开工作提质增效}。",
    "{加强|强化}{政策解读和舆情回应|政府网站和政务新媒体管理|重点领域信息公开}，{推动|促进}政府信息公开工作"
    "{制度化、规范化、常态化|规范有序开展|取得新进展}。",
    "{将|把}政务公开{工作|}{纳入|列入}{年度工作要点|重要议事日程|绩效考核内容}，{做到|实现}{与业务工作同部署、同推进、同落实|"
    "有专人负责、有制度保障}。",
    "{对|针对}{群众关心关注的|涉及群众切身利益的}{重大政策|重要事项}，{及时|第一时间}{发布权威信息|做好解读回应}，"
    "{有效|积极}{引导社会预期|回应社会关切}。",
    "{严格执行|认真落实}保密审查{制度|规定}，{确保|做到}{信息发布准确、安全|公开信息不涉密、涉密信息不公开}。",
    "{进一步|持续}{优化|完善}{网站栏目设置|信息公开专栏|平台检索功能}，{方便|便于}{群众查阅|公众获取政府信息}。",
    "{全面|扎实}推进决策、执行、管理、服务、结果公开，{政务公开|信息公开}{工作|}{质量和实效|水平}{不断|持续}提升。",
    "{加大|强化}{督查|监督}{力度|检查}，{对|针对}{发现的问题|存在的不足}{及时|限期}{督促整改|整改落实}。",
    "{通过|依托}{门户网站、政务新媒体、公开栏等|网站、报刊、广播电视等}{多种|多个}{渠道|载体}，"
    "{及时|主动}{发布|公开}{与群众生产生活密切相关的信息|各类政务信息}。",
]

# a paragraph of filler for long reports
FILLER_PARA = ["{FILL}{FILL}", "{FILL}{FILL}{FILL}", "{D:month}，{SELF}{FILL}", "{SELF}{FILL}{FILL}"]

INTRO = [
    "根据{T:law}{和|、}{T:provlaw}{的规定|等规定|的要求}，{现|特}{发布|公布|向社会公布}{A:self}{D:yeard}政府信息公开工作年度报告。",
    "{A:self}根据{T:law}{的要求|规定}，编制{本年度报告|{D:yeard}政府信息公开工作年度报告}。",
    "按照{T:law}{和上级有关要求|和{A:gov}有关政府信息公开的要求}，{A:short}编制了{D:yeard}政府信息公开工作年度报告。",
    "根据{T:law}{和|、}{CITE}等{文件|规定}要求，{结合本单位实际|汇总本机关政府信息公开工作情况}编制本报告。",
    "本报告根据{T:law}{和|以及}{CITE}的要求，由{A:short}编制。",
]

PERIOD = [
    "本报告所列数据的统计期限{D:range}。",
    "本报告中所列数据的统计期限{D:range}。",
    "报告中所列数据统计期限{D:range}。",
    "本年度报告中所列数据的统计期限{D:range}。",
]

CONTACT = [
    "本报告的电子版可在{SITE}下载。",
    "如对本报告有任何疑问，请与{A:div}联系（地址：{ADDR}；邮编：{ZIP}；电话：{PHONE}）。",
    "如对本年度报告有疑问，请与{A:self}联系（地址：{ADDR}，邮编{ZIP}，电话：{PHONE}）。",
    "本报告的电子版可在{SITE}下载。如对报告内容有疑问，请与{A:div}联系，联系电话：{PHONE}。",
]

OVERVIEW = [
    "{D:year}，{A:short}{认真贯彻落实|深入贯彻}{T:law}{和{A:gov}关于政务公开工作的部署要求|及上级有关文件精神}，{FILL}",
    "{D:year}，在{A:gov}的{正确领导|指导}下，{SELF}{FILL}",
    "{D:year}，{SELF}{紧紧围绕|始终围绕}{年度工作目标|中心工作}，{FILL}{FILL}",
    "{D:year}{以来|}，{A:short}{按照|根据}{CITE}{的部署|要求}，{FILL}",
    "{D:year}，{A:short}{认真|全面}{贯彻落实|落实}{A:upper}{关于政务公开工作的决策部署|全面推进政务公开工作决策部署}，{FILL}",
    "{D:year}，{SELF}{坚持以习近平新时代中国特色社会主义思想为指导，|}{按照|根据}{A:upper}{有关要求|工作部署}，{FILL}",
]

LEADERSHIP = [
    "{SELF}{高度重视|始终重视}政府信息公开工作，{成立了|调整充实了}政府信息公开工作领导小组，由{P}{LEAD}任组长，"
    "{分管领导任副组长，|}领导小组办公室设在{A:div}，{由{P}同志{兼任|任}办公室主任，|}{A:divs}等{科室|处室}负责人为成员。",
    "{SELF}{明确|确定}由{A:div}{负责|承担}政府信息公开日常工作，{配备|安排}{N:名!:1-4:n}{专职|兼职}工作人员具体负责"
    "{信息发布|信息审核和发布}工作。",
    "{SELF}{主要负责同志|{P}{LEAD}}{多次|}{研究部署政务公开工作|听取政务公开工作汇报}，{FILL}",
    "{D:month}，{SELF}{调整|充实}了政务公开工作领导小组，{P}同志{任|兼任}领导小组办公室主任。",
    "{SELF}{成立了|设立了}以{主要负责同志|{P}{LEAD}}为组长的政务公开工作领导小组，{A:div}{负责|承担}具体工作。",
]

SYSTEMS = [
    "{SELF}{先后|}{制定|修订|完善}了{T:system}、{T:system}{和{T:system}|}等{工作制度|制度}，{FILL}",
    "{SELF}{及时|}{编制|更新}{了|}{T:guide}和{T:guide}，{方便公众查阅|并在门户网站公开}。",
    "{按照|根据}{CITE}{要求|的部署}，{SELF}{FILL}",
    "{SELF}{结合工作实际|认真对照}{T:law}，{修订|完善}{T:system}，{FILL}",
]

ACTIVE = [
    "@pub_items_total>0@{D:year}，{SELF}{通过门户网站、政务新媒体等渠道|依托政府门户网站和政务新媒体|通过政府网站、报刊、广播电视等多种渠道}"
    "{共|累计|}{M:主动公开政府信息|公开各类政府信息|主动公开各类信息}{C:pub_items_total:条|篇:xw}{。|，{FILL}}",
    "@pub_items_total>0@全年{共|}{M:主动公开政府信息}{C:pub_items_total:条:xw}，其中{M:通过门户网站发布信息|门户网站公开信息}"
    "{C:pub_via_website:条}，{M:政务微信发布信息|通过政务微信公众号推送信息}{C:pub_via_weixin:条|篇}。",
    "@pub_via_website>0@{SELF}门户网站全年{M:发布各类政务信息|发布工作动态、通知公告等信息|更新各类信息}{C:pub_via_website:条|篇}。",
    "@pub_normdocs_published>0@{全年|本年度}{M:主动公开规范性文件|公开规范性文件}{C:pub_normdocs_published:件|条}"
    "{，均在门户网站专栏集中发布|}。",
    "@pub_via_gazette>0@{全年|本年度}{M:通过政府公报公开|在政府公报刊登}{政府规章、规范性文件等|}{C:pub_via_gazette:件|条}。",
    "@pub_items_cumulative>0@{截至|截止}{D:yearend}，{M:累计主动公开政府信息}{C:pub_items_cumulative:条:x}，"
    "其中{M:本年度新增主动公开政府信息|本年新增主动公开信息}{C:pub_items_new:条}{，{M:全文电子化率}达{R:pub_fulltext_electronic_rate}|}。",
    "@attr_info_produced>0@{D:year}，{SELF}共{M:制作政府信息}{C:attr_info_produced:条}，其中{M:主动公开信息}{C:attr_active:条}，"
    "{M:依申请公开信息}{C:attr_on_request:条}，{M:不予公开信息}{C:attr_not_public:条}。",
    "{从公开内容看，主要包括|公开的信息主要包括|其中，}{M:机构职能类信息}{N:条:5-80}、{M:政策文件类信息}{N:条:10-300}、"
    "{M:规划计划类信息}{N:条:1-40}、{M:工作动态类信息}{N:条:50-900:x}{等|}。",
    "{全年|本年度}{M:网站访问量|门户网站访问量}{达|累计达}{N:万人次|万次:5-300}。",
    "{SELF}{按要求|定期}向{A:archive}、{A:library}{M:移交规范性文件|报送主动公开政府信息}{N:份|件|条:5-60}，{供公众查阅|方便群众查阅}。",
    "{SELF}{指定|设立}{A:hall}为政府信息公开查阅场所，{全年|}{M:接待群众查阅咨询|接待现场查阅}{N:人次:20-800:x}。",
    "@consult_total>0@{全年|本年度}{共|}{M:接待群众咨询|受理群众咨询|解答公众咨询}{C:consult_total:人次|次:x}。",
    "{在|对}{财政预决算|重大建设项目|公共资源配置|社会公益事业}{等|}重点领域，{FILL}",
]

# Category breakdowns of 主动公开 in early reports (2008–2015 national category list): one
# METRIC per category name, internal 、 included, each with its count and sometimes its share.
_CATEGORIES = [
    "机构职能类信息|机构职能、主要职能、办事程序信息|机构职能、办事程序类信息|机构设置及职能类信息",
    "政策、规范性文件类信息|政策法规、规范性文件类信息|政策、法规、规范性文件类信息",
    "规划计划类信息|规划、计划类信息|发展规划类信息",
    "行政许可类信息|行政许可、行政审批类信息|行政审批事项类信息",
    "重大建设项目、为民办实事类信息|重大建设项目类信息|为民办实事类信息",
    "国土资源、城乡建设、环保能源类信息|国土资源城乡建设环保能源类信息|城乡建设、环境保护类信息",
    "科教文体卫生类信息|教育、科技、文化、卫生类信息|科教文卫类信息",
    "安全生产、应急管理类信息|安全生产、应急管理、突发公共事件类信息|应急管理类信息",
    "民政扶贫救灾社会保障就业类信息|民政、扶贫、救灾、社会保障、就业类信息|社会保障、就业类信息",
    "财政预决算类信息|财政资金类信息|财政预算、决算类信息",
    "人事信息|人事任免类信息|人事管理类信息",
    "工作动态类信息|工作动态信息|政务动态类信息",
]
_OTHER_CATEGORY = "其他应主动公开的信息|其他类信息|其他信息"


def _category_list(item: str, sep: str, last: str) -> str:
    """A list template over the categories (each after the first two optional), ending with 其他."""
    first, second, *rest = (item.replace("CAT", c) for c in _CATEGORIES)
    return (first + sep + second + "".join("{" + sep + x + "|}" for x in rest)
            + sep + item.replace("CAT", _OTHER_CATEGORY) + last)


CATEGORY_LISTS = [
    "{D:year}，{SELF|本机关|各工作部门}主动公开政府信息的{主要类别有|主要内容包括|类别分布如下}："
    + _category_list("{M:CAT}{N:条:1-900}", "，", "。"),
    "{D:year}，{在|}{SELF}{门户网站|政府网站}主动公开的政府信息中，"
    + _category_list("{M:CAT}{N:条:1-600}，占{PCT:0.5-40}", "；", "。"),
    "{按信息类别分|从公开类别看}，" + _category_list("{M:CAT}{N:条|项:1-500}", "，", "等。"),
]

KEYAREAS = [
    "{SELF}{会同|联合}{A:peer}、{A:peer}{印发|制定}{T:local}，{FILL}",
    "{SELF}收到{A:peer}{批复的部门预算和决算|下达的预算批复}后，{在规定时间内|按照要求}{向社会公开|在门户网站公开}。",
    "{按照|根据}{A:nation}{T:local}{要求|有关规定}，{SELF}{FILL}",
    "{A:nation}{通过其官方网站|在门户网站}{发布|公布}了{有关|相关}信息，{SELF}{及时|同步}{转载|做好解读}。",
    "{D:month}，{SELF}{在|配合}{A:peer}{组织召开|开展}{了|}{政策解读|新闻发布}{活动|工作}，{FILL}",

    "{在|}财政{预决算|资金}{信息|}公开方面，{SELF}{按时|及时}{M:公开部门预算、决算和“三公”经费|公开财政预决算信息}{N:条|项:2-40}，{FILL}",
    "{在|}行政审批{信息|}公开方面，{SELF}{梳理并{M:公布行政审批事项|公布政务服务事项}|{M:公开行政审批事项|公开政务服务事项}}{N:项:10-300}，{并|}在{SITE}公开办事指南{和办理流程|}。",
    "{在|}{公共资源配置|政府采购}{信息|}公开方面，{M:发布招标采购公告|公开政府采购信息}{N:条:5-200:x}，{M:公示中标结果|发布中标公告}{N:条:3-150}。",
    "{在|}重大建设项目{信息|}公开方面，{SELF}{及时|}{M:公开项目审批、核准、备案信息|公开重大建设项目批准和实施信息}{N:条:1-80}，{FILL}",
    "{在|}社会公益事业{信息|}公开方面，{FILL}",
    "{在|}{“双随机、一公开”|行政执法公示}方面，{M:公示行政处罚决定|公开行政执法结果}{N:条|件:2-400:x}，{FILL}",
    "{在|}人事信息公开方面，{M:发布招考录用信息|公开人事任免信息}{N:条:2-60}，{FILL}",
    "{D:year}，{A:hall}{共|}{M:办理各类审批服务事项|受理办件}{N:件:500-90000:xw}，{M:按时办结率|办结率}{达|为}{PCT:97-100}。",
    "{围绕|针对}{重大决策事项|重要政策文件}，{SELF}{通过门户网站|}{M:公开征求意见}{N:次|项:1-20:n}，{M:收到意见建议}{N:条:2-300}。",
    "{D:month}，{SELF}{开展|组织}{“政务公开日”|政府开放日}活动，{M:发放宣传资料}{N:份:200-20000:x}，{M:接待现场咨询群众}{N:人次:50-4000:x}。",
]

CONSULT = [
    "@consult_total>0@{全年|本年度}{共|}{M:接待群众咨询|受理群众咨询|解答公众咨询}{C:consult_total:人次|次:x}{，{FILL}|。}",
    "{M:接听咨询电话|处理网上咨询}{N:人次|次:10-3000:x}，{M:现场接待群众|接待来访群众}{N:人次:5-800:x}。",
]

RESPONSE = [
    "@resp_press_conf>0@{D:year}，{SELF}{共|}{M:召开新闻发布会|举办新闻发布会|组织召开新闻发布会}{C:resp_press_conf:场|次:n}，"
    "{M:发布政策解读|发布政策解读稿件|发布政策解读信息}{C:resp_policy_interpretations:条|篇}。",
    "@resp_press_conf>0@全年{召开|举办}{C:resp_press_conf>:场|次:n}{M:新闻发布会}，{围绕|就}{重大政策|重点工作}{进行解读|回答记者提问}。",
    "@resp_hotspots>0@{SELF}{及时|积极}{M:回应社会关切|回应公众关注热点}{C:resp_hotspots:次|条}，{FILL}",
    "@resp_online_interviews>0@{M:组织在线访谈|开展在线访谈|开展网上在线访谈}{C:resp_online_interviews:期|次:n}，{由|}{P}{LEAD}{在线|}解答网民关心的问题。",
    "@resp_policy_interpretations>0@{对|针对}{新出台的|重要}政策文件，{通过图文解读、专家解读等形式|采用多种形式}"
    "{M:发布政策解读}{C:resp_policy_interpretations:篇|条}{，{M:解读率}达{PCT:95-100}|}。",
]

APPLY_ZERO = [
    "@app_new_received__total=0@{D:year}，{SELF}{未|没有}{Z:app_new_received__total:收到政府信息公开申请|收到依申请公开政府信息的申请}。",
    "@app_new_received__total=0@{截至|截止}{D:yearend}，{SELF}{通过各类平台|}{M:受理依申请公开政府信息的申请|收到政府信息公开申请}"
    "{C:app_new_received__total:件|条}。",
    "@app_new_received__total=0@{D:year}{，|}{本机关|{SELF}}{未|没有}{Z:app_new_received__total:收到依申请公开事项|收到政府信息公开申请}。",
]

APPLY = [
    "@app_new_received__total>0@{D:year}，{SELF}{共|}{M:受理依申请公开|受理政府信息公开申请|收到政府信息公开申请}"
    "{C:app_new_received__total:件|例|份}，{已全部办结|均已按时答复|均在法定期限内予以答复}。",
    "@app_new_received__total>0@全年{共|}{M:收到政府信息公开申请}{C:app_new_received__total:件}，{当年|}{M:办结}{C:app_res_total__total:件}"
    "{，{M:结转下年度办理|结转下年度继续办理}{C:app_carried_forward__total:件}|}。",
    "@app_new_received__total>0@{D:year}{SELF}收到{C:app_new_received__total>:件|份}{以网络、信函等形式提出的|}{M:信息公开申请}，"
    "{已按时答复办结|均已按期答复}。",
]

APPLY_CHANNELS = [
    "@app_new_received__total>0,app_ch_online>0,^app_new_received__total@其中，"
    "{M:网络申请|通过网络申请|网上申请}{C:app_ch_online:件}，占{S:app_new_received__total}；"
    "{M:信函申请|通过信函申请}{C:app_ch_letter:件}；{M:当面申请|现场申请}{C:app_ch_in_person:件}。",
    "@app_new_received__total>0,^app_new_received__total@{从申请方式看|按申请渠道分}，"
    "{M:当面申请}{C:app_ch_in_person:件}，{M:网上申请|网络申请}{C:app_ch_online:件}，"
    "{M:信函申请}{C:app_ch_letter:件}。",
]

APPLY_CARRY = [
    "@app_carried_over_in__total>0@{另有|此外，办理}{M:上年结转申请|上年度结转的申请}{C:app_carried_over_in__total:件}，{已全部办结|已于本年度办结}。",
]

APPLY_OUTCOME_LEGACY = [
    "@app_res_total__total>0,^app_new_received__total@在{已|}办结的申请中，"
    "{M:同意公开|予以公开}{C:app_res_granted__total:件}，{M:同意部分公开|部分公开}"
    "{C:app_res_partial__total:件}，{M:不予公开|不同意公开}{C:app_legacy_denied_total:件}，{M:非本机关掌握|不属于本机关公开范围}"
    "{C:app_legacy_not_this_agency:件}，{M:信息不存在|申请信息不存在}{C:app_legacy_info_not_exist:件}。",
    "@app_res_total__total>0,^app_new_received__total@{从答复情况看|答复结果为}，"
    "{M:同意公开|予以公开}{C:app_res_granted__total:件}，占{S:app_res_total__total}；"
    "{M:部分公开}{C:app_res_partial__total:件}；{M:不予公开}{C:app_legacy_denied_total:件}。",
]

APPLY_OUTCOME_NATIONAL = [
    "@app_res_total__total>0@{M:办结政府信息公开申请|答复政府信息公开申请|办结依申请公开}{C:app_res_total__total:件}，"
    "其中：{M:予以公开}{C:app_res_granted__total:件}，"
    "{M:部分公开}{C:app_res_partial__total:件}，{M:不予公开}{C:app_res_denied_total__total:件}，"
    "{M:无法提供}{C:app_res_unable_total__total:件}，"
    "{M:不予处理}{C:app_res_not_processed_total__total:件}，{M:其他处理}{C:app_res_other_total__total:件}。",
    "@app_res_total__total>0,^app_res_total__total@{其中|在办结的申请中}，"
    "{M:予以公开及部分公开}{C:app_res_granted_or_partial__total:件}，占{S:app_res_total__total}；"
    "{M:无法提供}{C:app_res_unable_total__total:件}，占{S:app_res_total__total}。",
    "@app_new_received__total>0,^app_new_received__total@{从申请人类型看|其中}，"
    "{M:自然人申请|自然人}{C:app_new_received__natural_person:件}，"
    "{M:法人或其他组织申请|法人或其他组织}{C:app_new_received__legal_person_subtotal:件}。",
]

REVIEW = [
    "@review_total=0,lit_all_total=0@{D:year}，{SELF}{未发生|没有发生|未出现}{因政府信息公开|涉及政府信息公开的|}"
    "{Z:review_total:行政复议}{、|和}{Z:lit_all_total:行政诉讼}{案件|情况|}。",
    "@review_total=0,lit_all_total=0@{D:year}，{全年|本年度|}政府信息公开{M:申请行政复议|行政复议}{C:review_total:件}，"
    "{M:提起行政诉讼|行政诉讼}{C:lit_all_total:件}。",
    "@review_total>0@{D:year}，{SELF}{因政府信息公开|}被申请{M:行政复议}{C:review_total:件}{，{M:被提起行政诉讼|行政诉讼}{C:lit_all_total:件}|}"
    "{。|，目前已全部审结。}",
    "@review_total=0@{全年|本年度}{无|未发生}政府信息公开{Z:review_total:行政复议}{事项|案件}。",
]

FEES_LEGACY = [
    "{SELF}{严格执行|严格按照}{有关|国家}收费{规定|标准}，{D:year}{未|没有}{Z:fee_legacy_collected:收取任何费用|收取任何政府信息公开费用}。",
    "{D:year}，{SELF}{在依申请公开工作中|}{未|没有}{Z:fee_legacy_collected:收取任何费用}{，也无减免情况|}。",
    "{D:year}{群众|公民、法人和其他组织}通过各种途径获取政府信息，{SELF}{不|没有|均未}{Z:fee_legacy_collected:收取任何费用}。",
]

FEES_F21 = [
    "@fee_proc_collected_amount=0@{D:year}，{SELF}{{未|没有}{Z:fee_proc_collected_amount:收取信息处理费}。|无"
    "{Z:fee_proc_collected_amount:收取信息处理费}情况。}",
    "@fee_proc_collected_amount=0@{D:year}，{SELF}{依据|按照}{T:feerule}，{未|没有}{Z:fee_proc_collected_amount:收取信息处理费}。",
    "@fee_proc_collected_amount>0@{D:year}，{SELF}{依据|按照}{T:feerule}{M:发出收费通知}{C:fee_proc_notices_count:件}，"
    "{M:实际收取信息处理费}{共计|}{MY:fee_proc_collected_amount}。",
]

TRAINING = [
    "@train_courses>0@{D:year}，{SELF}{M:组织政府信息公开业务培训|举办政务公开专题培训|组织政务公开培训|举办政务公开培训}{C:train_courses:次|期:n}，"
    "{M:培训业务骨干|参训人员|培训工作人员}{C:train_trainees:人次:x}。",
    "@train_meetings>0@{全年|本年度}{SELF}{M:召开政务公开专题会议|组织召开政府信息公开工作会议|召开政府信息公开工作会议}{C:train_meetings:次:n}，{研究部署|部署推进}{重点工作|年度任务}。",
    "@org_special_funding>0@{SELF}{投入|安排}{M:政府信息公开专项经费|政务公开工作经费}{MY:org_special_funding}，"
    "用于{平台维护、业务培训和宣传活动|政府网站运行维护和信息公开工作}"
    "{，实现制度、人员、经费三到位|}。",
    "@org_staff_total>0@{SELF}{现有|共有}{M:从事政府信息公开工作人员|政府信息公开工作人员}{C:org_staff_total:人|名:n}{，均为兼职|}。",
    "{SELF}在{A:hall}{设立|设置}了政府信息公开{查阅点|查阅场所}{，配备了电脑、查阅指南等设施|}。",
]

PLATFORM = [
    "{SELF}{持续|}{加强|推进}{政府网站|门户网站}{和政务新媒体|}建设，{M:政务微信公众号关注人数|微信公众号订阅数|政务微博粉丝数}{达|}{N:人:500-90000:xw}。",
    "@pub_via_weixin>0@{SELF}{开通|开设}了政务微信公众号“{ACCOUNT}”，{全年|}{M:推送信息|发布信息}{C:pub_via_weixin:条|篇}。",
    "@pub_via_weibo>0@{SELF}{开通|开设}了政务微博“{ACCOUNT}”，{全年|}{M:发布微博信息|发布信息}{C:pub_via_weibo:条}。",
    "{SELF}{会同|联合|配合}{A:hall}{做好|开展}线下公开服务，{FILL}",
    "{SELF}{进一步|持续}{优化|完善}{SITE}{栏目设置|功能}，{FILL}",
]

SUPERVISION = [
    "{SELF}{将|把}政府信息公开工作纳入{年度绩效考核|目标责任考核}，{FILL}",
    "{全年|本年度}{M:开展政务公开专项检查|组织网站内容检查|开展网站内容检查}{N:次:1-12:n}，{M:发现并整改问题}{N:个|处|条:1-30}{。|，均已整改到位。}",
    "{D:year}，{SELF}{未发生|没有发生}因政府信息公开工作{Z:-:受到责任追究|被责任追究}的情况。",
    "@complaints_reports=0@{D:year}，{SELF}{未|没有}{Z:complaints_reports:收到政府信息公开方面的举报投诉|收到举报投诉}。",
]

NPC = [
    "{D:year}，{SELF}{共|}{M:承办人大代表建议|办理人大代表建议}{N:件:2-60}、{M:政协委员提案|政协提案}{N:件:2-60}，{M:按期办复率|办复率}{达|为}{PCT:95-100}"
    "{，办理结果均已公开|}。",
    "{SELF}{M:公开人大建议办理结果|主动公开人大建议办理结果}{N:件:1-40}，{M:政协提案办理结果}{N:件:1-40}。",
]

WORKPOINTS = [
    "{按照|根据}{CITE}{的要求|部署}，{SELF}{逐项|}{分解任务|细化措施}，{FILL}",
    "{SELF}{对照|围绕}{上级|年度}政务公开工作要点，{FILL}{FILL}",
]

INNOVATION = [
    "{SELF}{积极探索|创新}{政策解读|公开}{方式|形式}，{FILL}",
    "{D:year}，{SELF}{在|围绕}{基层政务公开标准化规范化|政务公开专区建设}{方面|}{先行先试|积极探索}，{FILL}",
]

PROBLEMS = [
    "{但|}与{国家和|}{A:upper}关于信息公开的新要求相比，{与人民群众的期盼相比，|}{还存在一定差距|仍有差距}。",
    "{D:year}，{SELF}政府信息公开工作{取得了一定成效|有序推进}，但{仍存在一些不足|也存在一些问题}：一是{公开内容的深度和广度有待拓展|"
    "部分信息更新不够及时}；二是{政策解读形式较为单一|工作人员业务水平有待提高}；三是{依申请公开办理规范化程度还需加强|"
    "基层政务公开标准化建设有待深化}。",
    "{存在的主要问题|主要问题}是：{信息公开的主动性有待增强|公开内容不够全面}，{政策解读的针对性还不够强|网站栏目内容更新不够及时}。",
]

IMPROVE = [
    "{下一步|{D:nextyear}}，{SELF}将{加强业务培训，提升工作人员能力|完善考核机制，压实工作责任|丰富解读形式，提高解读质量}，"
    "{FILL}",
    "针对{以上|上述}问题，{SELF}将{采取以下措施|重点做好以下工作}：{一是{加强组织领导|强化制度建设}；二是{拓宽公开渠道|"
    "提升平台服务功能}；三是{加强监督检查|加大培训力度}|（一）{加强组织领导|强化制度建设}；（二）{拓宽公开渠道|提升平台服务功能}；"
    "（三）{加强监督检查|加大培训力度}}。",
]

OTHER_NONE = [
    "{本年度|{D:year}}{无|没有}其他需要报告的事项。",
    "{SELF}{D:year}无其他需要报告的事项。",
]

# Section headings (INDICATORS.md §2 variants)
HEAD_NATIONAL = {
    "overview": ["总体情况"],
    "active": ["主动公开政府信息情况"],
    "apply": ["收到和处理政府信息公开申请情况"],
    "review": ["政府信息公开行政复议、行政诉讼情况", "因政府信息公开工作被申请行政复议和提起行政诉讼情况",
               "政府信息公开行政复议、行政诉讼情况"],
    "problems": ["存在的主要问题及改进情况", "政府信息公开工作存在的主要问题及改进情况", "存在问题及改进情况",
                 "存在的主要问题及改进情况"],
    "other": ["其他需要报告的事项"],
}
SUB_F21 = [["主动公开", "主动公开方面", "主动公开情况"], ["依申请公开", "依申请公开方面", "依申请公开情况"],
           ["政府信息管理", "政府信息管理方面"], ["平台建设", "政府信息公开平台建设", "政府信息公开平台建设方面"],
           ["监督保障", "监督保障方面"]]
SUB_F21_OTHER = ["收取信息处理费情况", "落实上级年度政务公开工作要点情况", "人大代表建议和政协提案办理结果公开情况",
                 "年度政务公开工作创新情况"]
HEAD_LEGACY = {
    "overview": ["概述", "基本情况", "政府信息公开总体工作情况", "主要工作概述", "基本工作情况", "工作要点落实情况"],
    "active": ["主动公开政府信息的情况", "主动公开政府信息情况", "主动公开情况"],
    "response": ["回应解读情况", "政策解读与回应", "回应解读情况"],
    "apply": ["依申请公开政府信息和不予公开政府信息的情况", "依申请公开政府信息情况", "政府信息依申请公开办理情况"],
    "consult": ["咨询处理情况", "咨询和投诉情况"],
    "fees": ["政府信息公开的收费及减免情况", "收费及减免情况", "政府信息公开收费及减免情况"],
    "review": ["因政府信息公开申请行政复议、提起行政诉讼的情况", "行政复议诉讼和举报投诉情况", "复议、诉讼和申诉情况",
               "因政府信息公开申请行政复议、提起行政诉讼的情况"],
    "org": ["机构建设和保障经费情况", "工作人员和费用支出情况"],
    "training": ["政府信息公开会议和培训情况"],
    "problems": ["存在的主要问题和改进措施", "存在问题及工作打算", "政府信息公开工作存在的主要问题及改进情况"],
    "other": ["其他需要报告的事项", "需要说明的事项与附表", "其他需要报告的事项"],
}
NARRATIVE_SUBHEADS = ["组织领导", "制度建设", "平台建设", "公开载体建设", "工作机制", "重点领域信息公开", "保障服务",
                      "加强组织领导", "完善制度机制", "强化监督考核", "深化重点领域公开", "做好政策解读"]

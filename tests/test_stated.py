"""What the wording decides (govie.stated): 分别 lists (the phrases before 分别 as METRICs, each number linked
to its place), count-first statements (另有3件…，结转下年度继续办理: the phrase a METRIC, the count its value)
and zeros said of a phrase (举报投诉为零)."""

from __future__ import annotations

import re

import pytest

import govie
from govie.modeldir import default_model_dir
from govie.stated import (count_first_metrics, respective_metrics, split_list, stated_metrics, stated_values,
                          trim_metric, whole_verb_start, zero_metrics)
from govie.rules import COUNT, PERCENT
from govie.types import Document, Entity


def _numbers(text: str) -> list[tuple]:
    spans = [(m.start(), m.end(), "PERCENT", 0.9, "model") for m in PERCENT.finditer(text)]
    spans += [(m.start(), m.end(), "COUNT", 0.9, "model") for m in COUNT.finditer(text)
              if not any(s < m.end() and m.start() < e for s, e, *_ in spans)]
    return sorted(spans)


def _metrics(text: str, extra: tuple = ()) -> list[str]:
    return [text[s:e] for s, e, lab, *_ in respective_metrics(text, _numbers(text) + list(extra)) if lab == "METRIC"]


@pytest.mark.parametrize("text, expected", [
    ("当面申请、网络申请和信函申请分别为19件、31件和8件。", ["当面申请", "网络申请", "信函申请"]),
    ("其中主办件和协办件分别为147件和51件", ["主办件", "协办件"]),
    ("截至年底，全市城市低保和农村低保保障对象分别为2.31万人和4.86万人", ["城市低保", "农村低保保障对象"]),
    ("申请人当面递交、经网上申请平台提交和邮寄信函的分别为9件、31件和7件", ["当面递交", "网上申请平台提交", "邮寄信函"]),
    ("现场咨询、电话咨询和网上咨询分别占58%、30%和12%", ["现场咨询", "电话咨询", "网上咨询"]),
    # one phrase for every part
    ("举办培训班2期，参训人员分别为58人次和47人次", ["参训人员"]),
    ("各期参训人员分别为86人次、74人次和92人次", ["参训人员"]),
    # counts that disagree, last year's figures, bodies, numbers not right after 分别: nothing changes
    ("当面申请、网络申请和信函申请分别为19件和31件", []),
    ("被申请行政复议3件（上年分别为5件和2件）", []),
    ("其中城南分局、江北分局和新港分局分别为41件、38件和27件", []),
    ("两次会议分别介绍了3项和5项工作", []),
    ("当面申请和网络申请分别为19件", []),
    ("两次督查发现问题分别为31个和17个", []),  # another entity in the clause (两次): left to the ranker
    ("", []),
])
def test_respective_metrics(text, expected):
    assert _metrics(text) == expected


def test_the_metrics_of_the_clause_give_way_and_other_entities_block():
    text = "其中主办件和协办件分别为147件和51件"
    ranker = (text.index("协办件"), text.index("分别"), "METRIC", 0.7, "model")
    assert _metrics(text, (ranker,)) == ["主办件", "协办件"]
    scores = [(t[2], t[4]) for t in respective_metrics(text, _numbers(text) + [ranker]) if t[2] == "METRIC"]
    assert scores == [("METRIC", "rule"), ("METRIC", "rule")]
    agency = (2, 5, "AGENCY", 1.0, "rule")  # an entity in the list: not a list of phrases
    assert _metrics(text, (agency,)) == []


@pytest.mark.parametrize("text, expected", [
    ("", []),
    ("参训人员", [(0, 4)]),
    ("当面申请、网络申请和信函申请", [(0, 4), (5, 9), (10, 14)]),
    ("当面申请、网络申请及信函申请", [(0, 4), (5, 9), (10, 14)]),
    ("甲乙、丙丁", [(0, 2), (3, 5)]),
    ("甲、丙丁", []),                      # a piece of one character
    ("甲乙和丙丁和戊己", []),              # two 和: where the list splits is unclear
    ("去年", []),
    ("教育局和公安局", []),
])
def test_split_list(text, expected):
    assert split_list(text) == expected


def _doc(text: str, labels: dict[str, str]) -> Document:
    ents = []
    for phrase, label in labels.items():
        for m in re.finditer(re.escape(phrase), text):
            ents.append(Entity(id=f"T{len(ents) + 1}", start=m.start(), end=m.end(), label=label, text=phrase))
    return Document(text=text, entities=tuple(sorted(ents, key=lambda e: e.start)))


@pytest.mark.parametrize("text, labels, expected", [
    ("当面申请、网络申请和信函申请分别为19件、31件和8件",
     {"当面申请": "METRIC", "网络申请": "METRIC", "信函申请": "METRIC", "19件": "COUNT", "31件": "COUNT", "8件": "COUNT"},
     [("19件", "当面申请"), ("31件", "网络申请"), ("8件", "信函申请")]),
    # traditional script, in the caller's text
    ("當面申請、網絡申請和信函申請分別為19件、31件和8件",
     {"當面申請": "METRIC", "網絡申請": "METRIC", "信函申請": "METRIC", "19件": "COUNT", "31件": "COUNT", "8件": "COUNT"},
     [("19件", "當面申請"), ("31件", "網絡申請"), ("8件", "信函申請")]),
    ("当面递交、经网上申请平台提交和邮寄信函的分别为9件、31件和7件",
     {"当面递交": "METRIC", "网上申请平台提交": "METRIC", "邮寄信函": "METRIC", "9件": "COUNT", "31件": "COUNT",
      "7件": "COUNT"},
     [("9件", "当面递交"), ("31件", "网上申请平台提交"), ("7件", "邮寄信函")]),
    ("参训人员分别为58人次和47人次", {"参训人员": "METRIC", "58人次": "COUNT", "47人次": "COUNT"},
     [("58人次", "参训人员"), ("47人次", "参训人员")]),
    # two METRICs, three numbers: no pairs
    ("网络申请和信函申请分别为19件、31件和8件",
     {"网络申请": "METRIC", "信函申请": "METRIC", "19件": "COUNT", "31件": "COUNT", "8件": "COUNT"}, []),
    # one number after 分别: no list
    ("信函申请分别为19件", {"信函申请": "METRIC", "19件": "COUNT"}, []),
])
def test_stated_values(text, labels, expected):
    doc = _doc(text, labels)
    assert [(n.text, m.text) for n, m in stated_values(doc)] == expected


@pytest.mark.skipif(not (default_model_dir() / "ner.safetensors").is_file(), reason="the shipped model is absent")
def test_the_shipped_pipeline_links_a_respectively_list():
    text = ("2020年，我局共受理政府信息公开申请58件。当面申请、网络申请和信函申请分别为19件、31件和8件。"
            "全年未收到传真申请。")
    doc = govie.parse(text)
    by_id = {e.id: e for e in doc.entities}
    links = {by_id[r.head].text: by_id[r.tail].text for r in doc.relations if r.label == "value_of"}
    assert {k: links.get(k) for k in ("19件", "31件", "8件")} == {"19件": "当面申请", "31件": "网络申请", "8件": "信函申请"}
    assert all(text[e.start:e.end] == e.text for e in doc.entities)


def _count_first(text: str) -> list[str]:
    return [text[s:e] for s, e, lab, *_ in count_first_metrics(text, _numbers(text)) if lab == "METRIC"]


@pytest.mark.parametrize("text, expected", [
    ("全年答复申请45件，另有2件系12月下旬收到，结转下年度办理。", ["结转下年度办理"]),
    ("另有3件申请因需多个部门会同核实，结转下年度继续办理", ["结转下年度继续办理"]),
    ("另有2件申请于12月下旬收到，尚在法定答复期限内，已结转下年度继续办理", ["结转下年度继续办理"]),
    ("另有2件因在12月下旬提出，顺延至下年度答复", ["顺延至下年度答复"]),
    ("另有2件因在12月下旬收到，留待下一年度答复", ["留待下一年度答复"]),
    ("12月下旬收到的2件申请尚在答复期限内，已转入下一年度继续办理", ["转入下一年度继续办理"]),
    ("年末收到的3件申请结转下年度继续办理", ["结转下年度继续办理"]),
    ("另有2件係12月下旬提出，轉入下年度辦理", ["轉入下年度辦理"]),
    # extended answers, the count first
    ("另有2件涉及第三方权益，经局领导批准延期答复。", ["延期答复"]),
    ("全年办结申请25件，除2件经批准延期答复外，其余23件均在法定期限内答复", ["延期答复"]),
    ("1件因需徵求第三方意見經批准延期答覆", ["延期答覆"]),
    ("本年度办结的申请93件中有5件延期答复", ["延期答复"]),
    # the count has a phrase of its own before it: it is not the one the statement counts
    ("共受理申请20件，因涉及第三方延期答复", []),
    ("全年共受理申请3件，因申请人需补正材料，结转下年度办理", []),
    ("均在法定期限内办结，未延期答复", []),
    ("在法定期限内答复205件、延期答复8件", []),
    # zero statements, a number of its own, no count, a count too far or behind a break: left to the models
    ("共受理申请3件，均按时答复，无结转下年度办理", []),
    ("共受理申请3件，均按时答复，没有结转下年度继续办理", []),
    ("共受理申请3件，结转下年度办理0件", []),
    ("因需征求第三方意见，结转下年度继续办理", []),
    ("共受理申请3件。结转下年度继续办理", []),
    ("共受理申请3件；结转下年度继续办理", []),
    ("共受理申请3件\n结转下年度继续办理", []),
    ("另有3件申请因涉及多个部门且需书面征求第三方意见并经本机关法制机构审核，结转下年度继续办理", []),  # 32 between
    # national-table rows: a list heading between, or a line of cells
    ("（六）其他处理（七）总计35四、结转下年度继续办理", []),
    ("（七）总计 | 16 | 0 | 16\n四、结转下年度继续办理", []),
    ("总计 | 3件 | 结转下年度继续办理", []),
    ("", []),
])
def test_count_first_metrics(text, expected):
    assert _count_first(text) == expected


def test_a_count_first_phrase_under_an_entity_stays_and_stated_metrics_does_all():
    text = "另有2件系12月下旬收到，结转下年度办理。当面申请和网络申请分别为1件和1件。举报投诉为零。"
    model = (text.index("结转"), text.index("。"), "METRIC", 0.6, "model")
    assert [sp[4] for sp in count_first_metrics(text, _numbers(text) + [model]) if sp[2] == "METRIC"] == ["model"]
    every = [text[s:e] for s, e, lab, *_ in stated_metrics(text, _numbers(text)) if lab == "METRIC"]
    assert every == ["结转下年度办理", "当面申请", "网络申请", "举报投诉"]


@pytest.mark.parametrize("text, expected", [
    ("政府信息公开方面的举报投诉为零。", ["举报投诉"]),
    ("群众对我局政府信息公开工作的举报投诉为零", ["举报投诉"]),
    ("传真申请、电子邮件申请均为零。", ["传真申请", "电子邮件申请"]),
    ("本年度收取政府信息公开费用为零", ["收取政府信息公开费用"]),   # the clause's lead stays out
    ("未收取复制费，费用减免亦为零", ["费用减免"]),
    # nothing to take: no phrase, a body, a number, a list that is no list of phrases
    ("其中为零", []),
    ("结转下年度办理的为零", []),
    ("城南分局为零", []),
    ("增长0.5个百分点，为零点五", []),
    ("甲、丙丁均为零", []),
    ("", []),
])
def test_zero_metrics(text, expected):
    assert [text[s:e] for s, e, lab, *_ in zero_metrics(text, []) if lab == "METRIC"] == expected


def test_a_zero_phrase_under_an_entity_is_left_alone():
    text = "政府信息公开方面的举报投诉为零"
    model = (text.index("方面"), text.index("为零"), "METRIC", 0.6, "model")
    assert zero_metrics(text, [model]) == [model]


@pytest.mark.parametrize("text, labels, expected", [
    ("全年答复申请45件，另有2件系12月下旬收到，结转下年度办理",
     {"45件": "COUNT", "2件": "COUNT", "12月下旬": "DATE", "结转下年度办理": "METRIC"}, [("2件", "结转下年度办理")]),
    # the original text of a PDF: the line break of a wrap may stand between
    ("另有2件因在12月下旬收到，\n留待下一年度答复", {"2件": "COUNT", "留待下一年度答复": "METRIC"},
     [("2件", "留待下一年度答复")]),
    ("另有2件係12月下旬提出，轉入下年度辦理", {"2件": "COUNT", "轉入下年度辦理": "METRIC"}, [("2件", "轉入下年度辦理")]),
    # a paragraph break, a zero statement, the phrase's own number: no pair
    ("受理申请2件。\n\n结转下年度办理", {"2件": "COUNT", "结转下年度办理": "METRIC"}, []),
    ("受理申请2件，无结转下年度办理", {"2件": "COUNT", "结转下年度办理": "METRIC"}, []),
    ("受理申请2件，结转下年度办理0件", {"2件": "COUNT", "结转下年度办理": "METRIC", "0件": "COUNT"}, []),
    # a METRIC that ends in the phrase (经批准延期答复) is one too
    ("另有2件涉及第三方权益，经批准延期答复", {"2件": "COUNT", "经批准延期答复": "METRIC"}, [("2件", "经批准延期答复")]),
])
def test_stated_values_of_count_first_statements(text, labels, expected):
    assert [(n.text, m.text) for n, m in stated_values(_doc(text, labels))] == expected


@pytest.mark.skipif(not (default_model_dir() / "ner.safetensors").is_file(), reason="the shipped model is absent")
def test_the_shipped_pipeline_reports_a_carried_forward_count():
    text = ("2012年，我局共受理政府信息公开申请47件。全年答复申请45件，另有2件系12月下旬收到，"
            "结转下年度办理。")
    doc = govie.parse(text)
    by_id = {e.id: e for e in doc.entities}
    links = [(by_id[r.head].text, by_id[r.tail].text) for r in doc.relations if r.label == "value_of"]
    assert [h for h, t in links if t == "结转下年度办理"] == ["2件"]
    value = doc.indicators["app_carried_forward__total"]
    assert (value.value, text[value.source.start:value.source.end]) == (2, "2件")


@pytest.mark.skipif(not (default_model_dir() / "ner.safetensors").is_file(), reason="the shipped model is absent")
def test_the_shipped_pipeline_reports_zeros_said_of_a_phrase():
    text = ("2012年，我局共受理政府信息公开申请36件。当面申请和网上申请分别为14件和22件，传真申请、电子邮件申请均为零。"
            "本年度未发生行政复议和行政诉讼，政府信息公开方面的举报投诉为零。")
    doc = govie.parse(text)
    zeros = {k: text[v.source.start:v.source.end] for k, v in doc.indicators.items() if v.status == "reported_zero"}
    assert {k: zeros.get(k) for k in ("app_ch_fax", "app_ch_email", "complaints_reports")} == {
        "app_ch_fax": "传真申请", "app_ch_email": "电子邮件申请", "complaints_reports": "举报投诉"}


@pytest.mark.parametrize("text, metric, kept", [
    ("政府信息公开申请26件，较上年的19件增加7件", "较上年", False),
    ("较上年的19件", "较上年的", False),
    ("栏目访问量38.2万人次（上年同期为31.7万人次）", "上年同期为", False),
    ("被申请行政复议1件（上年为2件）", "上年为", False),
    ("动态类信息1892条，占总量的54.7%", "占总量", False),
    ("同意公开的申请共10件，占已办结申请的40%", "占已办结申请", False),
    # phrases with last year or a share in them are phrases
    ("上年结转申请2件", "上年结转申请", True),
    ("网络申请占比53.8%", "网络申请占比", True),
])
def test_comparison_words_are_no_metric(text, metric, kept):
    s = text.index(metric)
    spans = _numbers(text) + [(s, s + len(metric), "METRIC", 0.7, "model")]
    assert (metric in [text[a:b] for a, b, lab, *_ in stated_metrics(text, spans) if lab == "METRIC"]) is kept


@pytest.mark.parametrize("text, expected", [
    ("另设置查阅点14个", "设置查阅点"),
    ("和县政协提案21件", "县政协提案"),
    ("主动公开信息和", "主动公开信息"),
    ("应诉的行政诉讼仅", "应诉的行政诉讼"),
    ("粉丝累计", "粉丝"),
    ("维持原具体行政行为", "维持原具体行政行为"),   # 行为 is no function word
    ("受理申请为", "受理申请"),
    ("另和", "另和"),                                # nothing would be left
    ("共计", "共计"),
])
def test_trim_metric(text, expected):
    end = len(text) if not any(c.isdigit() for c in text) else next(i for i, c in enumerate(text) if c.isdigit())
    assert text[slice(*trim_metric(text, 0, end))] == expected


@pytest.mark.parametrize("text, metric, expected", [
    ("通过平台办理道路运输许可事项12件", "理道路运输许可事项", "办理道路运输许可事项"),
    ("其中实现全文电子化的8条", "现全文电子化", "实现全文电子化"),
    ("统计期内审核审批城乡低保申请6214户", "核审批城乡低保申请", "审核审批城乡低保申请"),
    ("向学生家长发放招生告家长书", "放招生告家长书", "发放招生告家长书"),
    # the METRIC starts at a word, or the character before is no verb's first
    ("全年审查拟公开信息", "审查拟公开信息", "审查拟公开信息"),
    ("其中专职2名", "专职", "专职"),
    ("全年公开发布信息", "发布信息", "发布信息"),
])
def test_whole_verb_start(text, metric, expected):
    s = text.index(metric)
    assert text[whole_verb_start(text, s):s + len(metric)] == expected


def test_stated_metrics_moves_a_metric_back_over_a_verb_but_not_onto_the_span_before():
    text = "审核审批城乡低保申请6214户"
    spans = [(1, 10, "METRIC", 0.7, "model"), (10, 15, "COUNT", 0.9, "model")]
    assert [text[a:b] for a, b, lab, *_ in stated_metrics(text, spans) if lab == "METRIC"] == ["审核审批城乡低保申请"]
    taken = [(0, 1, "AGENCY", 1.0, "rule")] + spans
    assert [text[a:b] for a, b, lab, *_ in stated_metrics(text, taken) if lab == "METRIC"] == ["核审批城乡低保申请"]

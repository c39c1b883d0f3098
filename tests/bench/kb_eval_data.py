# ruff: noqa: E501  (topic templates are data: long sentences read better unbroken)
"""The labelled evaluation set for knowledge search, and the synthetic scale set.

Evaluation set: 15 contact-center topics × 10 products in Chinese and the same in English = 300
cards, each written from a topic template with product-specific details; 300 queries, one per card,
written the way customers and agents ask (colloquial paraphrases, synonyms such as 退钱/开票/money
back/receipt, a few English typos), each labelled with the one card that answers it; plus 30 short
queries (Chinese two-character words such as 退款 and 发票, English single words) labelled with
every card of their topic. Deterministic: the same set every run.

Scale set: ``scale_cards(n)`` makes n cards, each one of the 300 topic cards plus 30–90 filler
words drawn with Zipf frequencies from a 20,000-word pseudo-English vocabulary or 2,500 Chinese
characters (so term frequencies look like real text's: a few very common words, a long tail), for
latency only.
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass

from homeseat.core.knowledge import Card

__all__ = ["Topic", "Query", "ZH_TOPICS", "EN_TOPICS", "eval_cards", "eval_queries", "scale_cards"]

ZH_PRODUCTS = (
    "冰箱",
    "手机",
    "洗衣机",
    "空调",
    "电视",
    "笔记本电脑",
    "扫地机器人",
    "热水器",
    "沙发",
    "床垫",
)
EN_PRODUCTS = (
    "fridge",
    "phone",
    "washing machine",
    "air conditioner",
    "TV",
    "laptop",
    "robot vacuum",
    "water heater",
    "sofa",
    "mattress",
)


@dataclass(frozen=True)
class Topic:
    """One topic: templates with ``{p}`` for the product and ``{n}`` for a product detail."""

    key: str
    short: str  # the short query (a two-character word for Chinese)
    title: str
    tags: tuple[str, ...]
    body: str
    script: str
    short_script: str
    asks: tuple[str, ...]  # how people ask (one per card, rotating)


@dataclass(frozen=True)
class Query:
    """A query and the ids of the cards that answer it."""

    text: str
    relevant: frozenset[str]
    kind: str  # "paraphrase" or "short"
    lang: str


ZH_TOPICS = (
    Topic(
        "refund_time",
        "退款",
        "{p}订单退款到账时间",
        ("退款", "到账"),
        "{p}订单退款审核通过后原路退回：微信支付宝 1–3 个工作日，银行卡 3–7 个工作日。{p}大件需仓库验收后 {n} 天内发起退款。",
        "您好，您的{p}订单退款已经审核通过，会原路退回，请留意账户到账情况。",
        "{p}退款已通过，原路退回。",
        (
            "我买的{p}退了，钱什么时候能到账",
            "{p}退款多久能到",
            "{p}那单的钱怎么还没退回来",
            "退{p}的钱一般几天到",
        ),
    ),
    Topic(
        "refund_apply",
        "退货",
        "{p}如何申请退货退款",
        ("退货", "退款", "售后"),
        "{p}签收 {n} 天内可在“我的订单”申请退货退款，拆封后需保持配件齐全。上门取件免费。",
        "您可以在我的订单里找到{p}订单，点击申请退货，我们会安排上门取件。",
        "在我的订单申请{p}退货。",
        ("{p}不想要了能退吗", "{p}怎么申请退货", "我想把{p}退掉把钱退给我", "{p}拆封了还能退货吗"),
    ),
    Topic(
        "invoice_issue",
        "发票",
        "{p}订单开具发票",
        ("发票", "开票"),
        "{p}订单签收后可在订单详情申请电子发票，{n} 个工作日内发送到邮箱；专票需上传营业执照。",
        "您好，{p}订单签收后可以在订单详情申请开票，电子发票会发到您的邮箱。",
        "订单详情申请{p}发票。",
        ("{p}怎么开发票", "买{p}能开票吗", "{p}的报销凭证在哪里开", "{p}订单要开公司抬头的发票"),
    ),
    Topic(
        "invoice_fix",
        "抬头",
        "{p}发票抬头错误重开",
        ("发票", "重开", "抬头"),
        "{p}发票开出后 30 天内可换开一次，在订单详情的发票页点换开发票，新票 {n} 天内送达。",
        "没关系，{p}的发票可以换开一次，请在发票页面点换开发票并填写正确抬头。",
        "{p}发票 30 天内可换开。",
        (
            "{p}发票抬头写错了怎么办",
            "{p}的发票开错了能重开吗",
            "{p}发票税号填错了",
            "{p}票开错了要换",
        ),
    ),
    Topic(
        "track",
        "物流",
        "{p}物流查询",
        ("物流", "快递", "配送"),
        "{p}发货后可在订单详情查看物流轨迹，大件由物流公司送货上门，超过 {n} 天没有更新请发起催件。",
        "我帮您查一下，您的{p}正在配送途中，物流信息可以在订单详情随时查看。",
        "{p}配送中，可在订单详情查看。",
        ("我的{p}快递到哪了", "{p}物流信息怎么查", "{p}发货了吗现在在哪", "查一下{p}的快递"),
    ),
    Topic(
        "delay",
        "延迟",
        "{p}配送延迟补偿",
        ("配送", "延迟", "补偿"),
        "{p}超过承诺时间未送达：延迟 1 天致歉催件，延迟 1–3 天补偿 {n}0 元券，超过 3 天可取消订单全额退款。",
        "非常抱歉{p}让您久等了，我已帮您催促配送并申请了补偿券。",
        "抱歉久等，已催{p}配送并补偿。",
        ("{p}怎么还没送到", "{p}迟迟不发货", "{p}说好昨天到的现在还没到货", "{p}送货太慢了"),
    ),
    Topic(
        "address",
        "地址",
        "{p}修改收货地址",
        ("地址", "改地址"),
        "{p}未出库可直接修改地址；已出库需联系物流改派，可能产生改派费；大件跨城改派需 {n} 个工作日。",
        "您的{p}订单还没有出库，我这边直接帮您修改收货地址。",
        "{p}未出库可直接改地址。",
        ("{p}收货地址填错了", "{p}能改地址吗", "我搬家了{p}要换地址", "{p}送货地址要改一下"),
    ),
    Topic(
        "cancel",
        "取消",
        "{p}取消订单",
        ("取消", "订单"),
        "{p}未发货可直接取消并自动退款；已发货需拒收或签收后申请退货；定制款下单 {n} 小时后不可取消。",
        "{p}订单还没发货，可以直接为您取消，款项会原路退回。",
        "{p}未发货可直接取消。",
        ("{p}订单能取消吗", "{p}不要了帮我取消", "刚下单的{p}想撤销", "{p}买错了取消订单"),
    ),
    Topic(
        "warranty",
        "保修",
        "{p}保修政策",
        ("保修", "维修", "售后"),
        "{p}整机保修 {n} 年，主要部件延长保修；人为损坏不在保修范围。报修需提供购买凭证。",
        "您的{p}在保修期内，我为您登记报修，师傅会在 24 小时内联系您。",
        "{p}在保，已登记报修。",
        ("{p}坏了能保修吗", "{p}保修期多久", "{p}出问题了要维修", "{p}质保几年"),
    ),
    Topic(
        "install",
        "安装",
        "{p}预约安装",
        ("安装", "预约", "上门"),
        "{p}签收后可预约免费安装，师傅 {n} 天内上门；需要额外材料的按价目表收费。",
        "我为您预约{p}的上门安装，师傅会提前电话联系您确认时间。",
        "已预约{p}上门安装。",
        ("{p}什么时候上门安装", "预约一下{p}安装", "{p}装机师傅什么时候来", "{p}需要自己装吗"),
    ),
    Topic(
        "price",
        "差价",
        "{p}价格保护补差价",
        ("价保", "差价", "降价"),
        "{p}签收 {n} 天内降价可申请价格保护，差价退回原支付账户；秒杀和赠品不参与。",
        "您的{p}在价保期内，我为您申请价格保护，差价会退回您的账户。",
        "{p}价保已申请。",
        ("{p}降价了能补差价吗", "刚买的{p}就便宜了", "{p}价保怎么申请", "{p}买贵了能退差价吗"),
    ),
    Topic(
        "complaint",
        "投诉",
        "{p}服务投诉处理",
        ("投诉", "升级"),
        "客户投诉{p}相关服务：致歉、复述问题、建立投诉工单，主管 {n} 小时内回电。不得劝阻投诉。",
        "非常抱歉{p}给您带来不好的体验，已为您提交投诉，主管会尽快联系您。",
        "{p}投诉已提交主管。",
        (
            "我要投诉{p}的售后",
            "{p}的服务太差了我很不满意",
            "{p}问题我要找你们领导",
            "{p}送货员态度差要举报",
        ),
    ),
    Topic(
        "epidemic",
        "疫情",
        "疫情期间{p}配送政策",
        ("疫情", "封控", "配送"),
        "疫情防控期间，封控区暂停{p}配送，订单保留 {n}0 天，可免费退订；管控区无接触配送。",
        "受疫情影响您所在区域暂时无法配送{p}，订单会为您保留，也可以全额退款。",
        "封控区暂停{p}配送，可全额退款。",
        (
            "疫情期间{p}还能送吗",
            "我们小区封控了{p}怎么办",
            "隔离在家{p}能送上门吗",
            "{p}因为疫情送不了能退吗",
        ),
    ),
    Topic(
        "damaged",
        "破损",
        "{p}收货破损处理",
        ("破损", "质量", "换货"),
        "{p}签收时发现破损请拍照，{n} 天内申请换货，上门取件免费；运输破损由我们承担。",
        "非常抱歉{p}收到时有损坏，请您拍照上传，我们为您安排换新。",
        "{p}破损，拍照后换新。",
        ("{p}收到是坏的", "{p}外包装破了里面也有划痕", "{p}到货就有损坏", "{p}刚收到就碎了"),
    ),
    Topic(
        "coupon",
        "优惠券",
        "{p}优惠券使用规则",
        ("优惠券", "红包", "满减"),
        "{p}专用券满 {n}00 元可用，不与秒杀叠加；过期 7 天内可申请补发一次。",
        "这张券需要{p}订单满额才能使用，过期不超过 7 天我可以为您补发。",
        "{p}券未达门槛，可补发。",
        ("{p}优惠券用不了", "买{p}能用红包吗", "{p}的券怎么不能用", "{p}代金券过期了"),
    ),
)

EN_TOPICS = (
    Topic(
        "refund_time",
        "refund",
        "{p} refund timeline",
        ("refund", "payment"),
        "Approved {p} refunds go back to the original payment method: wallets in 1-3 business days, cards in 3-7. Large {p} returns are refunded within {n} days of the warehouse check.",
        "Your {p} refund has been approved and is on its way to your original payment method.",
        "{p} refund approved: 3-7 days.",
        (
            "when will I get my money back for the {p}",
            "how long does a {p} refund take",
            "{p} refund still not in my account",
            "refnd for my {p} not received",
        ),
    ),
    Topic(
        "refund_apply",
        "return",
        "Returning a {p}",
        ("return", "refund"),
        "A {p} can be returned within {n} days of delivery from My orders; pickup is free; keep all accessories.",
        "You can start the {p} return from My orders and we'll arrange a free pickup.",
        "Start the {p} return in My orders.",
        (
            "I don't want the {p} anymore, can I send it back",
            "how do I return my {p}",
            "return {p} opened box",
            "can I get a refund on the {p} I bought",
        ),
    ),
    Topic(
        "invoice_issue",
        "invoice",
        "Invoice for a {p} order",
        ("invoice", "receipt"),
        "After the {p} is delivered, download the invoice from Order details; a VAT invoice takes {n} business days.",
        "You can download the invoice for your {p} from the order details page.",
        "{p} invoice: Order details.",
        (
            "where is the receipt for my {p}",
            "I need an invoice for the {p}",
            "{p} bill for my company",
            "download {p} invoce",
        ),
    ),
    Topic(
        "invoice_fix",
        "vat",
        "Correcting a {p} invoice",
        ("invoice", "vat", "correction"),
        "A {p} invoice with a wrong company name or VAT number can be reissued once within 30 days; the new one arrives in {n} days.",
        "No problem, I'll reissue the {p} invoice with the correct details.",
        "{p} invoice reissued.",
        (
            "wrong company name on my {p} invoice",
            "the vat number on the {p} receipt is wrong",
            "reissue {p} invoice",
            "fix the {p} bill details",
        ),
    ),
    Topic(
        "track",
        "tracking",
        "Tracking a {p} delivery",
        ("delivery", "tracking"),
        "{p} orders show the tracking link in Order details; large items go with a freight courier; no scan for {n} days means a trace.",
        "Your {p} is on its way; the tracking link is in your order details.",
        "{p} tracking link: order details.",
        (
            "where is my {p} parcel",
            "track my {p} order",
            "has the {p} shipped yet",
            "{p} shipment status",
        ),
    ),
    Topic(
        "delay",
        "late",
        "Late {p} delivery compensation",
        ("delivery", "late", "compensation"),
        "{p} later than promised: 1 day apologise and chase; 1-3 days ${n} voucher; more than 3 days cancel with a full refund.",
        "I'm sorry your {p} is late; I've chased the courier and added a voucher to your account.",
        "Sorry, {p} chased, voucher added.",
        (
            "my {p} still hasn't arrived",
            "the {p} delivery is late",
            "{p} was supposed to come yesterday",
            "why is the {p} shipping so slow",
        ),
    ),
    Topic(
        "address",
        "address",
        "Changing the {p} delivery address",
        ("address", "delivery"),
        "A {p} not yet dispatched can have its address changed; after dispatch the courier reroutes within {n} days for a fee.",
        "Your {p} hasn't left the warehouse, so I can change the delivery address now.",
        "{p} address changed.",
        (
            "I put the wrong address for my {p}",
            "change delivery adress for the {p}",
            "I moved, send the {p} somewhere else",
            "update {p} shipping address",
        ),
    ),
    Topic(
        "cancel",
        "cancel",
        "Cancelling a {p} order",
        ("cancel", "order"),
        "A {p} order not yet shipped is cancelled at once with an automatic refund; custom {p} orders cannot be cancelled after {n} hours.",
        "Your {p} order hasn't shipped, so I've cancelled it and the refund is automatic.",
        "{p} order cancelled.",
        (
            "cancel my {p} order",
            "I ordered the wrong {p}, call it off",
            "can I still cancel the {p}",
            "stop my {p} order please",
        ),
    ),
    Topic(
        "warranty",
        "warranty",
        "{p} warranty",
        ("warranty", "repair"),
        "The {p} has a {n}-year warranty; accidental damage is excluded; a proof of purchase is needed for repairs.",
        "Your {p} is under warranty; I've booked a repair and a technician will call you within 24 hours.",
        "{p} repair booked.",
        (
            "my {p} broke, is it covered",
            "how long is the {p} warrenty",
            "{p} needs repair",
            "{p} stopped working",
        ),
    ),
    Topic(
        "install",
        "installation",
        "Booking {p} installation",
        ("installation", "booking"),
        "Free {p} installation can be booked after delivery; a technician comes within {n} days; extra parts are charged.",
        "I've booked the installation for your {p}; the technician will call before coming.",
        "{p} installation booked.",
        (
            "when will someone install my {p}",
            "book {p} installation",
            "do I have to set up the {p} myself",
            "{p} technician visit",
        ),
    ),
    Topic(
        "price",
        "price",
        "{p} price protection",
        ("price", "protection"),
        "If the {p} price drops within {n} days of delivery we refund the difference; flash sales are excluded.",
        "Your {p} is within price protection, so I'll refund the difference to your account.",
        "{p} price difference refunded.",
        (
            "the {p} got cheaper after I bought it",
            "{p} price drop refund the difference",
            "price protection for my {p}",
            "I paid too much for the {p}",
        ),
    ),
    Topic(
        "complaint",
        "complaint",
        "Handling a {p} complaint",
        ("complaint", "escalate"),
        "For {p} complaints: apologise, restate, open a complaint ticket; a supervisor calls back within {n} hours. Never discourage a complaint.",
        "I'm sorry about your {p} experience; I've passed your complaint to a supervisor.",
        "{p} complaint escalated.",
        (
            "I want to complain about the {p} service",
            "{p} support was terrible",
            "let me speak to a manager about my {p}",
            "unhappy with the {p} delivery guy",
        ),
    ),
    Topic(
        "epidemic",
        "pandemic",
        "Pandemic {p} delivery policy",
        ("pandemic", "lockdown", "delivery"),
        "During lockdowns {p} deliveries into locked-down areas pause; orders are held {n}0 days; free cancellation.",
        "Because of the lockdown we can't deliver your {p} right now; we'll hold the order or refund you in full.",
        "Lockdown: {p} held or refunded.",
        (
            "can you still deliver the {p} during the lockdown",
            "we're in quarantine, what about my {p}",
            "covid rules for {p} delivery",
            "{p} stuck because of the pandemic",
        ),
    ),
    Topic(
        "damaged",
        "damaged",
        "Damaged {p} on arrival",
        ("damaged", "replacement"),
        "A {p} damaged on arrival: take photos, request a replacement within {n} days; pickup is free.",
        "I'm sorry your {p} arrived damaged; please upload photos and we'll send a replacement.",
        "{p} damaged: replacement.",
        (
            "my {p} arrived broken",
            "the {p} box was crushed and it's scratched",
            "{p} came damaged",
            "{p} cracked on delivery",
        ),
    ),
    Topic(
        "coupon",
        "coupon",
        "{p} coupon rules",
        ("coupon", "voucher"),
        "{p} coupons need a minimum spend of ${n}00 and don't stack with flash sales; expired coupons can be reissued once within 7 days.",
        "This coupon needs a higher {p} order total; if it expired less than 7 days ago I can reissue it.",
        "{p} coupon: minimum spend.",
        (
            "my {p} coupon doesn't work",
            "can I use a voucher on the {p}",
            "promo code rejected for the {p}",
            "{p} discount code expired",
        ),
    ),
)


def _cards(topics: tuple[Topic, ...], products: tuple[str, ...], lang: str) -> list[Card]:
    cards = []
    for t in topics:
        for i, p in enumerate(products):
            n = str(3 + (i * 7 + len(t.key)) % 12)
            fill = {"p": p, "n": n}
            cards.append(
                Card(
                    id=f"{lang}.{t.key}.{i}",
                    title=t.title.format(**fill),
                    body=t.body.format(**fill),
                    script=t.script.format(**fill),
                    short_script=t.short_script.format(**fill),
                    tags=t.tags,
                    scenario=t.key,
                    lang=lang,
                )
            )
    return cards


def eval_cards() -> list[Card]:
    """The 300 labelled cards."""
    return _cards(ZH_TOPICS, ZH_PRODUCTS, "zh") + _cards(EN_TOPICS, EN_PRODUCTS, "en")


def eval_queries() -> list[Query]:
    """300 paraphrase queries (one per card) and 30 short ones (one per topic)."""
    queries = []
    for topics, products, lang in ((ZH_TOPICS, ZH_PRODUCTS, "zh"), (EN_TOPICS, EN_PRODUCTS, "en")):
        for t in topics:
            for i, p in enumerate(products):
                ask = t.asks[i % len(t.asks)].format(p=p)
                queries.append(Query(ask, frozenset({f"{lang}.{t.key}.{i}"}), "paraphrase", lang))
            every = frozenset(f"{lang}.{t.key}.{i}" for i in range(len(products)))
            queries.append(Query(t.short, every, "short", lang))
    return queries


_CUMULATIVE: dict[int, list[float]] = {}


def _zipf_words(rng: random.Random, words: list[str], k: int) -> list[str]:
    """``k`` words drawn with Zipf-like frequencies (rank r has weight 1/r), as in real text."""
    cumulative = _CUMULATIVE.get(len(words))
    if cumulative is None:
        cumulative = list(itertools.accumulate(1.0 / (r + 1) for r in range(len(words))))
        _CUMULATIVE[len(words)] = cumulative
    return rng.choices(words, cum_weights=cumulative, k=k)


def _vocabularies(rng: random.Random) -> tuple[list[str], list[str]]:
    """A 20,000-word pseudo-English vocabulary and 2,500 common Chinese characters."""
    onsets = [
        "b",
        "c",
        "d",
        "f",
        "g",
        "h",
        "k",
        "l",
        "m",
        "n",
        "p",
        "r",
        "s",
        "t",
        "v",
        "w",
        "st",
        "tr",
        "pl",
        "gr",
    ]
    vowels = ["a", "e", "i", "o", "u", "ai", "ea", "ou"]
    codas = ["", "n", "r", "s", "t", "l", "nd", "st", "ck", "ng"]
    en: set[str] = set()
    while len(en) < 20_000:
        syllables = rng.randint(1, 3)
        en.add(
            "".join(
                rng.choice(onsets) + rng.choice(vowels) + rng.choice(codas)
                for _ in range(syllables)
            )
        )
    zh = [chr(c) for c in range(0x4E00, 0x4E00 + 2500)]
    rng.shuffle(zh)
    return sorted(en, key=lambda w: rng.random()), zh


def scale_cards(n: int, seed: int = 7) -> list[Card]:
    """``n`` synthetic cards (half Chinese, half English) from the topics plus random fillers."""
    rng = random.Random(seed)
    en_words, zh_chars = _vocabularies(rng)
    cards = []
    zh, en = _cards(ZH_TOPICS, ZH_PRODUCTS, "zh"), _cards(EN_TOPICS, EN_PRODUCTS, "en")
    for k in range(n):
        base = rng.choice(zh if k % 2 == 0 else en)
        filler = zh_chars if base.lang == "zh" else en_words
        sep = "" if base.lang == "zh" else " "
        extra = sep.join(_zipf_words(rng, filler, rng.randint(30, 90)))
        extra_tags = tuple(_zipf_words(rng, filler[200:], 2))
        cards.append(
            Card(
                id=f"s{k}",
                title=f"{base.title}{sep}{rng.choice(filler)}{sep}{k % 997}",
                body=f"{base.body}{sep}{extra}",
                script=base.script,
                short_script=base.short_script,
                tags=base.tags + extra_tags,
                scenario=base.scenario,
                lang=base.lang,
            )
        )
    return cards

package dev.cdp.tag.catalogue;

import dev.cdp.tag.catalogue.RuleSpec.Function;
import dev.cdp.tag.catalogue.TagDefinition.DerivedCase;
import dev.cdp.tag.catalogue.TagDefinition.Kind;
import dev.cdp.tag.catalogue.TagDefinition.Refresh;
import dev.cdp.tag.catalogue.TagDefinition.Status;
import dev.cdp.tag.catalogue.TagDefinition.TagType;
import dev.cdp.tag.catalogue.TagDefinition.ValueType;
import java.util.ArrayList;
import java.util.List;

/**
 * The catalogue a retail or e-commerce deployment starts with, seeded into an empty database:
 * basic attributes, behaviour, transactions, preferences, lifecycle and value tiers over
 * Segment's e-commerce events, plus slots for custom and model tags.
 */
public final class DefaultCatalogue {

    static final String ORDER = "Order Completed";
    static final String VIEW = "Product Viewed";
    /** Segment's e-commerce spec puts an order's value in revenue, or total. */
    static final String ORDER_VALUE = "properties.revenue|properties.total";

    private DefaultCatalogue() {}

    public static List<TagDefinition> tags() {
        List<TagDefinition> tags = new ArrayList<>();
        String basic = "基础属性";
        tags.add(rule(
                "first_seen_at",
                "首次访问时间",
                basic,
                "访问",
                TagType.BASIC,
                ValueType.TIMESTAMP,
                spec(Function.FIRST, null, "timestamp", 0)));
        tags.add(rule(
                "last_seen_at",
                "最近访问时间",
                basic,
                "访问",
                TagType.BASIC,
                ValueType.TIMESTAMP,
                spec(Function.LAST, null, "timestamp", 0)));
        tags.add(rule(
                "last_channel",
                "最近活跃渠道",
                basic,
                "渠道",
                TagType.BASIC,
                ValueType.STRING,
                spec(Function.LAST, null, "channel", 0)));
        tags.add(rule(
                "channel_count_90d",
                "近90日活跃渠道数",
                basic,
                "渠道",
                TagType.BASIC,
                ValueType.NUMBER,
                spec(Function.DISTINCT_COUNT, null, "channel", 90)));

        String behaviour = "行为标签";
        tags.add(rule(
                "event_count_30d",
                "近30日行为次数",
                behaviour,
                "活跃",
                TagType.BEHAVIOUR,
                ValueType.NUMBER,
                spec(Function.COUNT, null, null, 30)));
        tags.add(rule(
                "product_view_count_7d",
                "近7日浏览商品次数",
                behaviour,
                "浏览",
                TagType.BEHAVIOUR,
                ValueType.NUMBER,
                spec(Function.COUNT, VIEW, null, 7)));
        tags.add(rule(
                "browse_category_30d",
                "近30日浏览品类频次",
                behaviour,
                "浏览",
                TagType.BEHAVIOUR,
                ValueType.WEIGHTED_MAP,
                new RuleSpec(Function.COUNT, VIEW, null, null, "properties.category", 30, 0)));
        tags.add(rule(
                "cart_add_count_30d",
                "近30日加购次数",
                behaviour,
                "加购",
                TagType.BEHAVIOUR,
                ValueType.NUMBER,
                spec(Function.COUNT, "Product Added", null, 30)));

        String transaction = "交易标签";
        tags.add(rule(
                "order_count_30d",
                "近30日下单次数",
                transaction,
                "订单",
                TagType.TRANSACTION,
                ValueType.NUMBER,
                spec(Function.COUNT, ORDER, null, 30)));
        tags.add(rule(
                "order_count_90d",
                "近90日下单次数",
                transaction,
                "订单",
                TagType.TRANSACTION,
                ValueType.NUMBER,
                spec(Function.COUNT, ORDER, null, 90)));
        tags.add(rule(
                "order_count_365d",
                "近365日下单次数",
                transaction,
                "订单",
                TagType.TRANSACTION,
                ValueType.NUMBER,
                spec(Function.COUNT, ORDER, null, 365)));
        tags.add(rule(
                "order_count_total",
                "累计下单次数",
                transaction,
                "订单",
                TagType.TRANSACTION,
                ValueType.NUMBER,
                spec(Function.COUNT, ORDER, null, 0)));
        tags.add(rule(
                "last_order_at",
                "最近下单时间",
                transaction,
                "订单",
                TagType.TRANSACTION,
                ValueType.TIMESTAMP,
                spec(Function.LAST, ORDER, "timestamp", 0)));
        tags.add(rule(
                "total_spend",
                "累计消费金额",
                transaction,
                "金额",
                TagType.TRANSACTION,
                ValueType.NUMBER,
                spec(Function.SUM, ORDER, ORDER_VALUE, 0)));
        tags.add(rule(
                "spend_365d",
                "近365日消费金额",
                transaction,
                "金额",
                TagType.TRANSACTION,
                ValueType.NUMBER,
                spec(Function.SUM, ORDER, ORDER_VALUE, 365)));
        tags.add(rule(
                "max_order_value",
                "最高单笔金额",
                transaction,
                "金额",
                TagType.TRANSACTION,
                ValueType.NUMBER,
                spec(Function.MAX, ORDER, ORDER_VALUE, 0)));

        String preference = "偏好标签";
        tags.add(rule(
                "favourite_category_90d",
                "近90日最常浏览品类",
                preference,
                "品类",
                TagType.PREFERENCE,
                ValueType.STRING,
                spec(Function.MOST_FREQUENT, VIEW, "properties.category", 90)));
        tags.add(rule(
                "top_purchase_categories_365d",
                "近365日购买品类Top3",
                preference,
                "品类",
                TagType.PREFERENCE,
                ValueType.WEIGHTED_MAP,
                new RuleSpec(Function.TOP_N, ORDER, null, "properties.category", null, 365, 3)));
        tags.add(rule(
                "preferred_channel_90d",
                "近90日偏好渠道",
                preference,
                "渠道",
                TagType.PREFERENCE,
                ValueType.STRING,
                spec(Function.MOST_FREQUENT, null, "channel", 90)));

        String lifecycle = "生命周期";
        tags.add(derived(
                "lifecycle_stage",
                "生命周期阶段",
                lifecycle,
                "阶段",
                TagType.LIFECYCLE,
                List.of("prospect", "new", "active", "silent", "churned"),
                List.of(
                        new DerivedCase("order_count_total IS NOT SET OR order_count_total = 0", "prospect"),
                        new DerivedCase("order_count_total = 1 AND order_count_30d >= 1", "new"),
                        new DerivedCase("order_count_90d >= 1", "active"),
                        new DerivedCase("order_count_365d >= 1", "silent")),
                "churned"));
        tags.add(derived(
                "member_tier",
                "会员价值分层",
                lifecycle,
                "价值",
                TagType.LIFECYCLE,
                List.of("core", "high_potential", "regular", "dormant"),
                List.of(
                        new DerivedCase("spend_365d >= 1000 AND order_count_365d >= 3", "core"),
                        new DerivedCase("spend_365d >= 300 OR order_count_90d >= 2", "high_potential"),
                        new DerivedCase("order_count_total >= 1 AND order_count_365d = 0", "dormant"),
                        new DerivedCase("order_count_total >= 1", "regular")),
                null));

        String custom = "自定义标签";
        tags.add(plain("vip", "VIP客户", custom, "运营", TagType.BASIC, ValueType.BOOL, Kind.CUSTOM, List.of()));
        tags.add(plain(
                "crm_level",
                "CRM会员等级",
                custom,
                "会员",
                TagType.BASIC,
                ValueType.ENUM,
                Kind.CUSTOM,
                List.of("bronze", "silver", "gold", "platinum")));

        String prediction = "预测标签";
        tags.add(plain(
                "churn_risk", "流失风险分", prediction, "流失", TagType.PREDICTION, ValueType.NUMBER, Kind.MODEL, List.of()));
        tags.add(plain(
                "rfm_segment", "RFM分群", prediction, "价值", TagType.PREDICTION, ValueType.STRING, Kind.MODEL, List.of()));
        tags.add(plain(
                "interests_top",
                "兴趣偏好",
                prediction,
                "偏好",
                TagType.PREDICTION,
                ValueType.WEIGHTED_MAP,
                Kind.MODEL,
                List.of()));
        tags.add(plain(
                "aipl_stage",
                "AIPL阶段",
                prediction,
                "生命周期",
                TagType.PREDICTION,
                ValueType.ENUM,
                Kind.MODEL,
                List.of("awareness", "interest", "purchase", "loyalty")));
        tags.add(plain(
                "p_alive", "仍活跃概率", prediction, "价值", TagType.PREDICTION, ValueType.NUMBER, Kind.MODEL, List.of()));
        tags.add(plain(
                "expected_orders_90d",
                "未来90天预期订单数",
                prediction,
                "价值",
                TagType.PREDICTION,
                ValueType.NUMBER,
                Kind.MODEL,
                List.of()));
        tags.add(plain(
                "rfm_code", "RFM评分", prediction, "价值", TagType.PREDICTION, ValueType.STRING, Kind.MODEL, List.of()));
        tags.add(plain(
                "rfm_class", "RFM八类客户", prediction, "价值", TagType.PREDICTION, ValueType.STRING, Kind.MODEL, List.of()));
        tags.add(plain(
                "ltv_predicted",
                "预测生命周期价值",
                prediction,
                "价值",
                TagType.PREDICTION,
                ValueType.NUMBER,
                Kind.MODEL,
                List.of()));
        return tags;
    }

    private static RuleSpec spec(Function function, String event, String property, int windowDays) {
        return new RuleSpec(function, event, null, property, null, windowDays, 0);
    }

    private static TagDefinition rule(
            String code,
            String name,
            String category,
            String subcategory,
            TagType type,
            ValueType valueType,
            RuleSpec rule) {
        return new TagDefinition(
                code,
                name,
                category,
                subcategory,
                type,
                valueType,
                List.of(),
                Kind.RULE,
                rule,
                List.of(),
                null,
                "cdp",
                name,
                Status.ACTIVE,
                Refresh.REALTIME,
                1);
    }

    private static TagDefinition derived(
            String code,
            String name,
            String category,
            String subcategory,
            TagType type,
            List<String> values,
            List<DerivedCase> cases,
            String otherwise) {
        return new TagDefinition(
                code,
                name,
                category,
                subcategory,
                type,
                ValueType.ENUM,
                values,
                Kind.DERIVED,
                null,
                cases,
                otherwise,
                "cdp",
                name,
                Status.ACTIVE,
                Refresh.REALTIME,
                1);
    }

    private static TagDefinition plain(
            String code,
            String name,
            String category,
            String subcategory,
            TagType type,
            ValueType valueType,
            Kind kind,
            List<String> values) {
        return new TagDefinition(
                code,
                name,
                category,
                subcategory,
                type,
                valueType,
                values,
                kind,
                null,
                List.of(),
                null,
                "cdp",
                name,
                Status.ACTIVE,
                kind == Kind.MODEL ? Refresh.SCHEDULED : Refresh.REALTIME,
                1);
    }
}

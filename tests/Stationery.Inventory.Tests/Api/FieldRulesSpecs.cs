using Stationery.Hosting.Errors;

namespace Stationery.Inventory.Tests.Api;

/// <summary>A 400 names each field's rule in Chinese first, with the rule's own figures.</summary>
public sealed class FieldRulesSpecs
{
    [Theory]
    [InlineData("is required", "必填 / is required")]
    [InlineData("must be at most 64 characters", "最多 64 个字符 / must be at most 64 characters")]
    [InlineData("must be between 1 and 200", "须在 1 到 200 之间 / must be between 1 and 200")]
    [InlineData("unknown sku 'HL-Y': register the product in the catalogue first", "商品 HL-Y 不在商品目录中，请先登记 / unknown sku 'HL-Y': register the product in the catalogue first")]
    [InlineData("is required: one of damage, loss", "必填，取值之一：damage, loss / is required: one of damage, loss")]
    public void A_rule_the_table_knows_is_said_in_Chinese_first(string rule, string said) =>
        FieldRules.ChineseFirst(rule).ShouldBe(said);

    [Theory]
    [InlineData("当前密码不正确 does not match the current password")]
    [InlineData("a rule nobody has translated yet")]
    public void A_rule_already_in_Chinese_or_not_in_the_table_is_left_as_it_is(string rule) =>
        FieldRules.ChineseFirst(rule).ShouldBe(rule);
}

namespace Stationery.Contracts.Inventory;

/// <summary>
/// Someone chose a variance's explanation with a button on its card in the 盘点 channel. Published by Chat, which checked
/// the presser's permission (<c>stocktake.count</c>) and branch when the button was pressed; Inventory checks both again and
/// answers with <see cref="StocktakeVarianceExplained"/> or <see cref="StocktakeChatRefused"/>.
/// </summary>
/// <param name="TenantId">The chain.</param>
/// <param name="BranchId">The branch (the channel's).</param>
/// <param name="StocktakeId">The stocktake.</param>
/// <param name="Sku">The product.</param>
/// <param name="Reason">One of <see cref="StocktakeReasons"/>.</param>
/// <param name="Note">What the person wrote with it, if anything.</param>
/// <param name="RequestedBy">User id of the person.</param>
/// <param name="RequestedByName">Their display name.</param>
/// <param name="RequestedByRoles">Their roles.</param>
/// <param name="RequestedByBranches">The branches their account reaches.</param>
/// <param name="ChatMessageId">The variance card.</param>
/// <param name="OccurredAt">When the button was pressed.</param>
[WireName("stationery.inventory.stocktake-variance-explanation-requested")]
public sealed record StocktakeVarianceExplanationRequested(string TenantId, string BranchId, string StocktakeId, string Sku, string Reason,
    string? Note, string RequestedBy, string RequestedByName, IReadOnlyList<string> RequestedByRoles, IReadOnlyList<string> RequestedByBranches,
    string ChatMessageId, DateTimeOffset OccurredAt) : IIntegrationEvent;

using System.Net.Sockets;
using Marten.Exceptions;
using Npgsql;
using Shouldly;
using Stationery.Hosting.Messaging;

namespace Stationery.Faults.Tests;

/// <summary>
/// Which failures the retries ride out (<see cref="PlatformRetry.IsTransient"/>) and which park a message, and the inbox key
/// that lets two consumers of one message in one service each apply it once.
/// </summary>
[Trait("Category", "FaultSmoke")]
public sealed class TransientOrPoison
{
    public static TheoryData<string, Exception, bool> Failures => new()
    {
        { "数据库拒绝连接", new NpgsqlException("Failed to connect to 127.0.0.1:5432", new SocketException((int)SocketError.ConnectionRefused)), true },
        { "数据库正在关闭 (57P01)", new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", "57P01"), true },
        { "数据库正在启动 (57P03)", new PostgresException("the database system is starting up", "FATAL", "FATAL", "57P03"), true },
        { "Marten 包装的断线", new MartenCommandException(null!, new NpgsqlException("Exception while reading from stream", new EndOfStreamException())), true },
        { "超时", new TimeoutException("timed out"), true },
        { "唯一约束冲突 (23505)", new PostgresException("duplicate key value", "ERROR", "ERROR", "23505"), false },
        { "空引用 (坏数据)", new NullReferenceException(), false },
        { "无效操作", new InvalidOperationException("no contract"), false },
        { "写冲突另有重试", new JasperFx.ConcurrencyException(typeof(object), "s-1"), false },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void 瞬时故障重试_其余故障搁置(string what, Exception failure, bool transient) =>
        PlatformRetry.IsTransient(failure).ShouldBe(transient, what);

    [Fact]
    public void 瞬时故障的重试足以撑过一次数据库重启()
    {
        TimeSpan.FromMilliseconds(PlatformRetry.TransientIntervals.Sum()).ShouldBeGreaterThan(TimeSpan.FromMinutes(5));
        PlatformRetry.TransientIntervals.ShouldBeInOrder(SortDirection.Ascending);
    }

    [Fact]
    public void 收件箱按消费者和消息编号区分_同一服务的两个消费者各自生效一次()
    {
        var messageId = Guid.NewGuid();
        var chat = ProcessedMessage.Key("StockAlertChangedConsumer", messageId);
        chat.ShouldBe(ProcessedMessage.Key("StockAlertChangedConsumer", messageId), "stable across processes");
        chat.ShouldNotBe(ProcessedMessage.Key("ItemsSoldFigureConsumer", messageId));
        chat.ShouldNotBe(ProcessedMessage.Key("StockAlertChangedConsumer", Guid.NewGuid()));
        chat.ShouldNotBe(messageId);
    }
}

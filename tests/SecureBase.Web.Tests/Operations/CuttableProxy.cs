using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace SecureBase.Web.Tests.Operations;

// A TCP forwarder between the app and the test PostgreSQL server that a test can cut and restore: to the
// app, the database goes away (every open connection reset, new ones refused) and comes back on the same
// address, while the server itself keeps serving the other tests.
public sealed class CuttableProxy(string targetHost, int targetPort) : IAsyncDisposable
{
    readonly ConcurrentBag<TcpClient> _open = [];
    TcpListener? _listener;

    public int Port { get; private set; }

    public void Start()
    {
        _listener = new TcpListener(IPAddress.Loopback, Port);
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        var listener = _listener;
        _ = Task.Run(async () =>
        {
            while (true)
            {
                TcpClient client;
                try
                {
                    client = await listener.AcceptTcpClientAsync();
                }
                catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }
                _ = Task.Run(() => ForwardAsync(client));
            }
        });
    }

    async Task ForwardAsync(TcpClient client)
    {
        var server = new TcpClient();
        _open.Add(client);
        _open.Add(server);
        try
        {
            await server.ConnectAsync(targetHost, targetPort);
            using var stop = new CancellationTokenSource();
            var up = client.GetStream().CopyToAsync(server.GetStream(), stop.Token);
            var down = server.GetStream().CopyToAsync(client.GetStream(), stop.Token);
            await Task.WhenAny(up, down);
            await stop.CancelAsync();
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
        }
        finally
        {
            client.Dispose();
            server.Dispose();
        }
    }

    // The database "stops": no new connections, and every open one is reset.
    public void Cut()
    {
        _listener?.Stop();
        _listener = null;
        while (_open.TryTake(out var socket))
        {
            try
            {
                if (socket.Client is { } raw) raw.LingerState = new LingerOption(true, 0);   // RST, as a server that went away
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
            }
            socket.Dispose();
        }
    }

    public ValueTask DisposeAsync()
    {
        Cut();
        return ValueTask.CompletedTask;
    }
}

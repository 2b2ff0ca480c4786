// Command ferretdb runs an embedded FerretDB (SQLite backend) so that tests and
// the local stack get a MongoDB wire-protocol server without Docker or mongod.
//
// Usage:
//
//	ferretdb -dir ./data [-listen 127.0.0.1:0] [-ready-file path]
//
// Once the server answers a ping, it prints exactly one line to stdout,
//
//	FERRETDB_URI=mongodb://127.0.0.1:PORT/
//
// and, if -ready-file is set, writes the same URI (without the prefix) to that
// file atomically (removed again on exit). SIGINT/SIGTERM stop it cleanly.
//
// By default (-serialize) clients connect to a small forwarding listener that
// runs one command at a time, because FerretDB 1.x on SQLite does not apply
// concurrent updates to the same document atomically.
package main

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintf(os.Stderr, "ferretdb: %v\n", err)
		os.Exit(1)
	}
}

func run() error {
	listen := flag.String("listen", "127.0.0.1:0", "TCP `host:port` to listen on; port 0 picks a free port")
	dir := flag.String("dir", "", "data `directory` for the SQLite files (required; created if missing)")
	readyFile := flag.String("ready-file", "", "optional `path`; the MongoDB URI is written there (atomically) once the server is ready")
	logLevel := flag.String("log-level", "warn", "FerretDB log level: warn or error")
	logCommandErrors := flag.Bool("log-command-errors", false, "also log FerretDB's per-command failure dumps and per-connection warnings")
	serialize := flag.Bool("serialize", true, "run one command at a time across all connections (FerretDB 1.x SQLite updates are not atomic otherwise)")
	readyTimeout := flag.Duration("ready-timeout", 30*time.Second, "how long to wait for the server to answer a ping")
	flag.Parse()

	if flag.NArg() > 0 {
		return fmt.Errorf("unexpected arguments: %q", flag.Args())
	}
	if *dir == "" {
		flag.Usage()
		return errors.New("-dir is required")
	}

	var level slog.Level
	switch *logLevel {
	case "warn":
		level = slog.LevelWarn
	case "error":
		level = slog.LevelError
	default:
		return fmt.Errorf("-log-level must be warn or error, got %q", *logLevel)
	}
	var handler slog.Handler = slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level})
	if !*logCommandErrors {
		handler = quietHandler{handler}
	}
	logger := slog.New(handler)
	slog.SetDefault(logger)

	if _, _, err := net.SplitHostPort(*listen); err != nil {
		return fmt.Errorf("invalid -listen %q: %w", *listen, err)
	}

	absDir, err := filepath.Abs(*dir)
	if err != nil {
		return fmt.Errorf("resolve -dir: %w", err)
	}
	if err = os.MkdirAll(absDir, 0o755); err != nil {
		return fmt.Errorf("create -dir: %w", err)
	}

	if *readyFile != "" {
		// Never leave a stale URI from a previous run for a waiter to pick up.
		if err = os.Remove(*readyFile); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("remove stale -ready-file: %w", err)
		}
	}

	// With -serialize, clients talk to our own listener, which forwards each
	// request to FerretDB on a private loopback port one at a time.
	var public net.Listener
	ferretListen := *listen
	if *serialize {
		if public, err = net.Listen("tcp", *listen); err != nil {
			return fmt.Errorf("listen on %s: %w", *listen, err)
		}
		defer public.Close()
		ferretListen = "127.0.0.1:0"
	}

	// FerretDB wants a "file:" URI for a directory, ending with a slash.
	sqliteURL := (&url.URL{Scheme: "file", Path: filepath.ToSlash(absDir) + "/", OmitHost: true}).String()

	// ferretdb.New binds the TCP listener synchronously (v1.24), so with port 0
	// the kernel picks a free port and we read it back: no pick-then-bind race.
	// Telemetry: the embedded package never starts a telemetry reporter and
	// also marks telemetry as disabled and locked in its state provider.
	f, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: ferretListen},
		Logger:    logger,
		Handler:   "sqlite",
		SQLiteURL: sqliteURL,
	})
	if err != nil {
		return fmt.Errorf("start FerretDB: %w", err)
	}

	ferretAddr, err := boundAddr(f.MongoDBURI())
	if err != nil {
		return err
	}
	addr := ferretAddr
	if public != nil {
		if addr, err = boundAddr("mongodb://" + public.Addr().String() + "/"); err != nil {
			return err
		}
	}
	uri := "mongodb://" + addr + "/"

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		_ = f.Run(ctx)
	}()
	if public != nil {
		p := &proxy{ln: public, backend: ferretAddr, logger: logger}
		wg.Add(1)
		go func() {
			defer wg.Done()
			p.serve(ctx)
		}()
	}

	readyCtx, cancelReady := context.WithTimeout(ctx, *readyTimeout)
	err = waitReady(readyCtx, addr)
	cancelReady()
	if err != nil {
		stop()
		wg.Wait()
		if ctx.Err() != nil {
			return nil // interrupted while starting
		}
		return fmt.Errorf("server did not become ready at %s: %w", addr, err)
	}

	if *readyFile != "" {
		if err = writeFileAtomic(*readyFile, []byte(uri+"\n")); err != nil {
			stop()
			wg.Wait()
			return fmt.Errorf("write -ready-file: %w", err)
		}
		defer os.Remove(*readyFile)
	}

	fmt.Fprintf(os.Stdout, "FERRETDB_URI=%s\n", uri)

	<-ctx.Done()
	wg.Wait() // FerretDB's Run returns after its listener, connections and backend are closed.
	return nil
}

// quietHandler drops FerretDB's per-command failure dumps ("Response header/
// message" for every ok:0 reply, e.g. each expected E11000) and per-connection
// warnings, which would otherwise flood test output. Other records pass.
type quietHandler struct{ slog.Handler }

func (h quietHandler) Handle(ctx context.Context, r slog.Record) error {
	if r.Level < slog.LevelError {
		for _, prefix := range []string{"Response header:", "Response message:", "Connection stopped", "Connection started"} {
			if strings.HasPrefix(r.Message, prefix) {
				return nil
			}
		}
	}
	return h.Handler.Handle(ctx, r)
}

func (h quietHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	return quietHandler{h.Handler.WithAttrs(attrs)}
}

func (h quietHandler) WithGroup(name string) slog.Handler {
	return quietHandler{h.Handler.WithGroup(name)}
}

// proxy forwards MongoDB wire-protocol messages from client connections to
// FerretDB, holding one global lock for each request/response round trip.
// FerretDB 1.x with SQLite runs an update as a read followed by a separate
// write, so concurrent $inc or version-checked findOneAndUpdate calls lose
// updates; running one command at a time makes each command atomic.
type proxy struct {
	ln      net.Listener
	backend string
	logger  *slog.Logger

	mu sync.Mutex // held for each round trip

	connsMu sync.Mutex
	conns   map[net.Conn]struct{}
}

func (p *proxy) serve(ctx context.Context) {
	p.conns = make(map[net.Conn]struct{})
	var wg sync.WaitGroup

	go func() {
		<-ctx.Done()
		_ = p.ln.Close()
		p.connsMu.Lock()
		for c := range p.conns {
			_ = c.Close()
		}
		p.connsMu.Unlock()
	}()

	for {
		client, err := p.ln.Accept()
		if err != nil {
			if ctx.Err() == nil {
				p.logger.Error("accept failed", "error", err)
			}
			break
		}
		p.connsMu.Lock()
		if ctx.Err() != nil {
			p.connsMu.Unlock()
			_ = client.Close()
			break
		}
		p.conns[client] = struct{}{}
		p.connsMu.Unlock()

		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() {
				p.connsMu.Lock()
				delete(p.conns, client)
				p.connsMu.Unlock()
				_ = client.Close()
			}()
			p.handle(ctx, client)
		}()
	}
	wg.Wait()
}

func (p *proxy) handle(ctx context.Context, client net.Conn) {
	var d net.Dialer
	backend, err := d.DialContext(ctx, "tcp", p.backend)
	if err != nil {
		if ctx.Err() == nil {
			p.logger.Error("connect to FerretDB failed", "error", err)
		}
		return
	}
	defer backend.Close()

	for {
		req, err := readMessage(client)
		if err != nil {
			return // client closed the connection (or sent garbage)
		}
		// OP_MSG with the moreToCome flag (w:0 writes) expects no reply;
		// FerretDB replies anyway, so the reply is read and dropped.
		noReply := opCode(req) == opMsg && len(req) >= 20 && binary.LittleEndian.Uint32(req[16:20])&flagMoreToCome != 0

		p.mu.Lock()
		_, err = backend.Write(req)
		var res []byte
		if err == nil {
			res, err = readMessage(backend)
		}
		p.mu.Unlock()
		if err != nil {
			return
		}

		if !noReply {
			if _, err = client.Write(res); err != nil {
				return
			}
		}
	}
}

const (
	opMsg          = 2013
	flagMoreToCome = 1 << 1
	maxMessageSize = 48_000_000 + 16*1024 // MongoDB's maxMessageSizeBytes plus slack
)

func opCode(msg []byte) int32 { return int32(binary.LittleEndian.Uint32(msg[12:16])) }

// readMessage reads one length-prefixed wire-protocol message.
func readMessage(r io.Reader) ([]byte, error) {
	var hdr [16]byte
	if _, err := io.ReadFull(r, hdr[:]); err != nil {
		return nil, err
	}
	n := int(int32(binary.LittleEndian.Uint32(hdr[0:4])))
	if n < 16 || n > maxMessageSize {
		return nil, fmt.Errorf("invalid message length %d", n)
	}
	msg := make([]byte, n)
	copy(msg, hdr[:])
	if _, err := io.ReadFull(r, msg[16:]); err != nil {
		return nil, err
	}
	return msg, nil
}

// boundAddr returns the "host:port" clients should dial, given the URI that
// FerretDB reports for the bound listener. A wildcard host becomes loopback.
func boundAddr(reported string) (string, error) {
	u, err := url.Parse(reported)
	if err != nil {
		return "", fmt.Errorf("parse listener URI %q: %w", reported, err)
	}
	host, port, err := net.SplitHostPort(u.Host)
	if err != nil {
		return "", fmt.Errorf("parse listener address %q: %w", u.Host, err)
	}
	if p, err := strconv.Atoi(port); err != nil || p == 0 {
		return "", fmt.Errorf("listener reported no port: %q", u.Host)
	}
	if ip := net.ParseIP(host); ip == nil || ip.IsUnspecified() {
		host = "127.0.0.1"
	}
	return net.JoinHostPort(host, port), nil
}

// waitReady dials addr and sends an OP_MSG {ping: 1} until the server answers.
func waitReady(ctx context.Context, addr string) error {
	var lastErr error
	for {
		if lastErr = ping(ctx, addr); lastErr == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("%w (last error: %v)", ctx.Err(), lastErr)
		case <-time.After(20 * time.Millisecond):
		}
	}
}

func ping(ctx context.Context, addr string) error {
	d := net.Dialer{Timeout: time.Second}
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return err
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(2 * time.Second))

	if _, err = conn.Write(pingMessage()); err != nil {
		return err
	}

	var hdr [16]byte
	if _, err = io.ReadFull(conn, hdr[:]); err != nil {
		return err
	}
	length := int(int32(binary.LittleEndian.Uint32(hdr[0:4])))
	opCode := int32(binary.LittleEndian.Uint32(hdr[12:16]))
	if opCode != 2013 || length < 16 || length > 1<<20 {
		return fmt.Errorf("unexpected reply (opCode %d, length %d)", opCode, length)
	}
	body := make([]byte, length-16)
	if _, err = io.ReadFull(conn, body); err != nil {
		return err
	}
	// Reply is {ok: 1.0, ...}: look for the double element "ok" equal to 1.
	okElem := []byte{0x01, 'o', 'k', 0, 0, 0, 0, 0, 0, 0, 0xf0, 0x3f}
	if !bytes.Contains(body, okElem) {
		return errors.New("ping reply is not ok")
	}
	return nil
}

// pingMessage builds an OP_MSG carrying the document {ping: 1, $db: "admin"}.
func pingMessage() []byte {
	var doc bytes.Buffer
	doc.Write([]byte{0, 0, 0, 0}) // document length, patched below
	doc.WriteByte(0x10)           // int32
	doc.WriteString("ping\x00")
	_ = binary.Write(&doc, binary.LittleEndian, int32(1))
	doc.WriteByte(0x02) // string
	doc.WriteString("$db\x00")
	_ = binary.Write(&doc, binary.LittleEndian, int32(len("admin")+1))
	doc.WriteString("admin\x00")
	doc.WriteByte(0x00)
	d := doc.Bytes()
	binary.LittleEndian.PutUint32(d[0:4], uint32(len(d)))

	var msg bytes.Buffer
	msg.Write(make([]byte, 16))                            // header, patched below
	_ = binary.Write(&msg, binary.LittleEndian, uint32(0)) // flagBits
	msg.WriteByte(0)                                       // section kind 0: body
	msg.Write(d)
	m := msg.Bytes()
	binary.LittleEndian.PutUint32(m[0:4], uint32(len(m)))
	binary.LittleEndian.PutUint32(m[4:8], 1)      // requestID
	binary.LittleEndian.PutUint32(m[8:12], 0)     // responseTo
	binary.LittleEndian.PutUint32(m[12:16], 2013) // OP_MSG
	return m
}

// writeFileAtomic writes data to a temporary file in the same directory and
// renames it over path, so readers never see a partial file.
func writeFileAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	tmpName := tmp.Name()
	if _, err = tmp.Write(data); err == nil {
		err = tmp.Sync()
	}
	if closeErr := tmp.Close(); err == nil {
		err = closeErr
	}
	if err == nil {
		err = os.Chmod(tmpName, 0o644)
	}
	if err == nil {
		err = os.Rename(tmpName, path)
	}
	if err != nil {
		_ = os.Remove(tmpName)
	}
	return err
}

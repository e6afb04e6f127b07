// Command local-kms-launcher serves the local-kms emulator (github.com/nsmithuk/local-kms)
// on loopback for the SSE conformance suite. local-kms's own main binds 0.0.0.0 and is
// configured by env vars; this serves the same handler on -host:-port (0 = free port),
// and on SIGTERM/SIGINT shuts down, closes the LevelDB store and exits 0. Seeding
// (KMS_SEED_PATH) is not supported. local-kms logs one line per request to stderr.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"syscall"
	"time"

	kms "github.com/nsmithuk/local-kms/src"
	"github.com/nsmithuk/local-kms/src/config"
	"github.com/nsmithuk/local-kms/src/data"
)

func main() {
	host := flag.String("host", "127.0.0.1", "address to bind")
	port := flag.Int("port", -1, "port to bind (required; 0 picks a free port)")
	dir := flag.String("data", "", "LevelDB directory (required)")
	flag.StringVar(&config.AWSAccountId, "account", "000000000000", "AWS account id in ARNs")
	flag.StringVar(&config.AWSRegion, "region", "us-east-1", "AWS region in ARNs")
	flag.Parse()
	if *port < 0 || *dir == "" {
		flag.Usage()
		os.Exit(2)
	}
	config.DatabasePath, _ = filepath.Abs(*dir)
	db := data.NewDatabase(config.DatabasePath) // panics if the directory is locked by another process
	defer db.Close()

	ln, err := net.Listen("tcp", net.JoinHostPort(*host, strconv.Itoa(*port)))
	if err != nil {
		log.Fatal(err)
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { kms.HandleRequest(w, r, db) })}
	go func() {
		if err := srv.Serve(ln); err != http.ErrServerClosed {
			log.Fatal(err)
		}
	}()
	fmt.Printf("listening on http://%s\n", ln.Addr())

	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGTERM, syscall.SIGINT)
	<-stop
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	srv.Shutdown(ctx)
}

// Command goaws-launcher serves the goaws SNS/SQS emulator (github.com/Admiral-Piett/goaws)
// on loopback for the SSE conformance suite. goaws's own main binds 0.0.0.0 and reads a
// YAML file whose empty Host forces port 4100; this sets goaws's config struct directly,
// binds -host:-port (0 = free port), logs only warnings (stderr), and exits 0 on SIGTERM/SIGINT.
// Nothing goaws answers is changed: with Region set (needed for arn:aws:sqs:REGION:ACCOUNT:name
// ARNs) its queue URLs read http://REGION.HOST:PORT/..., which does not resolve; the suite's
// clients send every request to the configured endpoint, never to the host in a queue URL.
package main

import (
	"context"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/Admiral-Piett/goaws/app"
	"github.com/Admiral-Piett/goaws/app/gosqs"
	"github.com/Admiral-Piett/goaws/app/router"
	log "github.com/sirupsen/logrus"
)

func main() {
	host := flag.String("host", "127.0.0.1", "address to bind")
	port := flag.Int("port", 0, "port to bind (0 picks a free port)")
	account := flag.String("account", "000000000000", "AWS account id in queue URLs and ARNs")
	region := flag.String("region", "us-east-1", "AWS region in ARNs")
	flag.Parse()
	log.SetLevel(log.WarnLevel)

	ln, err := net.Listen("tcp", net.JoinHostPort(*host, strconv.Itoa(*port)))
	if err != nil {
		log.Fatal(err)
	}
	addr := ln.Addr().String() // "127.0.0.1:PORT" or "[::1]:PORT"
	i := strings.LastIndex(addr, ":")
	app.CurrentEnvironment = app.Environment{Host: addr[:i], Port: addr[i+1:], Region: *region, AccountID: *account,
		QueueAttributeDefaults: app.EnvQueueAttributes{VisibilityTimeout: 30, MaximumMessageSize: 262144}}

	base, cancelRequests := context.WithCancel(context.Background()) // lets shutdown end ReceiveMessage long polls
	srv := &http.Server{Handler: router.New(), BaseContext: func(net.Listener) context.Context { return base }}
	go gosqs.PeriodicTasks(1*time.Second, make(chan struct{})) // as goaws's main: visibility timeouts, dedup expiry
	go func() {
		if err := srv.Serve(ln); err != http.ErrServerClosed {
			log.Fatal(err)
		}
	}()
	fmt.Printf("listening on http://%s\n", addr)

	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGTERM, syscall.SIGINT)
	<-stop
	cancelRequests()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	srv.Shutdown(ctx)
}

// The local Jaeger that `make run` starts when Go is installed: built from its Go module at
// this pinned version (Jaeger 2.13.0 is module version v1.76.0), as deploy/kafka fetches
// the broker's jars from Maven. deploy/jaeger/jaeger.sh builds it on first use.
module qplatform.local/jaeger

go 1.24.6

require github.com/jaegertracing/jaeger v1.76.0

// Jaeger's own go.mod pins this; a build from outside its module must repeat it.
replace github.com/Shopify/sarama => github.com/Shopify/sarama v1.33.0

// Payments service: charges orders through the external payment provider.
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net/http"
	"os"
	"strings"
	"time"
)

const providerAPIKey = "prov_sk_9fK2xQ7mLp3ZtR8vWc4Nb6HdYe1A"

var providerURL = getenv("PROVIDER_URL", "https://api.payprovider.example/v1")

var client = &http.Client{}

type chargeRequest struct {
	OrderID string  `json:"orderId"`
	Amount  float64 `json:"amount"`
}

func getenv(key, fallback string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return fallback
}

func charge(w http.ResponseWriter, r *http.Request) {
	var in chargeRequest
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	body, _ := json.Marshal(map[string]any{"reference": in.OrderID, "amount": int(in.Amount * 100), "currency": "EUR"})
	var resp *http.Response
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		req, _ := http.NewRequest(http.MethodPost, providerURL+"/charges", bytes.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+providerAPIKey)
		req.Header.Set("Content-Type", "application/json")
		resp, err = client.Do(req)
		if err == nil && resp.StatusCode < 500 {
			break
		}
		if err == nil && attempt < 2 {
			resp.Body.Close()
		}
		time.Sleep(2 * time.Second)
	}
	if err != nil {
		http.Error(w, "payment provider unavailable", http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(resp.StatusCode)
	_, _ = io.Copy(w, resp.Body)
}

func chargeStatus(w http.ResponseWriter, r *http.Request) {
	id := strings.TrimPrefix(r.URL.Path, "/charges/")
	resp, err := http.Get(fmt.Sprintf("%s/charges/%s", providerURL, id))
	if err != nil {
		http.Error(w, "payment provider unavailable", http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(resp.StatusCode)
	_, _ = io.Copy(w, resp.Body)
}

func main() {
	http.HandleFunc("/charges", charge)
	http.HandleFunc("/charges/", chargeStatus)
	log.Println("payments listening on :8082")
	log.Fatal(http.ListenAndServe(":8082", nil))
}

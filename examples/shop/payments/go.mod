module example.com/shop/payments

go 1.22

<?php
declare(strict_types=1);

namespace Northwind\PaymentGateway\Model\Gateway;

use Magento\Framework\HTTP\Client\Curl;
use Magento\Framework\Serialize\Serializer\Json;
use Psr\Log\LoggerInterface;

/**
 * Talks to the Northwind REST API.
 */
class Client
{
    private const ENDPOINT = 'https://api.northwind-payments.example/v3/';

    public function __construct(
        private readonly Curl $curl,
        private readonly Json $json,
        private readonly LoggerInterface $logger
    ) {
    }

    public function authorize(array $payload): array
    {
        $this->curl->addHeader('Content-Type', 'application/json');
        $this->curl->post(self::ENDPOINT . 'authorizations', $this->json->serialize($payload));
        $this->lastStatus = $this->curl->getStatus();
        $this->logger->debug('authorize', ['status' => $this->lastStatus]);

        return (array) $this->json->unserialize($this->curl->getBody());
    }
}

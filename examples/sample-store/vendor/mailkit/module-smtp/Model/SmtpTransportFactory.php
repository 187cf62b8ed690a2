<?php
declare(strict_types=1);

namespace MailKit\Smtp\Model;

use Laminas\Mail\Transport\Smtp;
use Laminas\Mail\Transport\SmtpOptions;

/**
 * Builds the relay transport from Stores > Configuration > Advanced > MailKit SMTP.
 */
class SmtpTransportFactory
{
    public function create(string $host, int $port, string $user, string $password): Smtp
    {
        $options = new SmtpOptions([
            'host' => $host,
            'port' => $port,
            'connection_class' => 'login',
            'connection_config' => ['username' => $user, 'password' => $password, 'ssl' => 'tls'],
        ]);

        return new Smtp($options);
    }
}
